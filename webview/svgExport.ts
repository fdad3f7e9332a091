// The picture as a standalone SVG file: a copy of the drawn SVG with the theme's colours written into each
// element (outside VS Code its CSS variables mean nothing), the whole picture in view, on the editor's background.
// The copy is styled through the CSSOM, which the Content Security Policy allows (a style attribute would not be).
import { svgEl } from './topologySvg';

/** What the theme decides in topology.css and a file needs spelled out. */
const STYLED = ['fill', 'stroke', 'stroke-width', 'stroke-dasharray', 'opacity', 'font-family', 'font-size', 'font-weight', 'text-anchor', 'dominant-baseline'];

export function exportSvg(svg: SVGSVGElement, size: { width: number; height: number }): string {
  const copy = svg.cloneNode(true) as SVGSVGElement;
  const originals = svg.querySelectorAll('*');
  copy.querySelectorAll('*').forEach((element, i) => {
    const computed = getComputedStyle(originals[i]);
    const style = (element as SVGElement).style;
    for (const property of STYLED) style.setProperty(property, computed.getPropertyValue(property));
  });
  for (const focusable of copy.querySelectorAll('[tabindex]')) focusable.removeAttribute('tabindex');
  // the menus' context names the cloud: nothing a picture file needs
  for (const node of copy.querySelectorAll('[data-vscode-context]')) node.removeAttribute('data-vscode-context');
  copy.setAttribute('viewBox', `0 0 ${size.width} ${size.height}`);
  copy.setAttribute('width', String(size.width));
  copy.setAttribute('height', String(size.height));
  const background = svgEl('rect', { width: size.width, height: size.height });
  background.style.setProperty('fill', getComputedStyle(document.body).backgroundColor);
  copy.prepend(background);
  return new XMLSerializer().serializeToString(copy);
}
