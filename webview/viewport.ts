// Zoom, pan and fit of the topology's SVG, through its viewBox: the part of the picture shown is its top-left
// corner and a scale (screen pixels per picture unit), kept in the webview state so that it survives hide/show.
import { GEOMETRY } from '../src/features/topology/model/layout';
import { MAX_SCALE, MIN_SCALE, type Viewport } from '../src/features/topology/model/protocol';

/** Drags shorter than this are clicks. */
const DRAG_PX = 4;
/** Room left around a fitted picture, in screen pixels. */
const FIT_MARGIN = 16;
/** Room kept around a node brought into view, in picture units: its broken links' stubs and a little more. */
const AROUND = GEOMETRY.stub + 12;

interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

export class ViewportControl {
  private view: Viewport = { x: 0, y: 0, scale: 1 };
  private content: Box = { x: 0, y: 0, w: 0, h: 0 };
  private drag?: { pointerId: number; x: number; y: number; moved: boolean };
  /** The last pointer press became a pan: its click selects nothing. */
  private dragged = false;

  constructor(private readonly svg: SVGSVGElement, private readonly onChange: (view: Viewport) => void) {
    // the wheel scrolls (a large project is a tall picture); with Ctrl (a pinch on a touchpad too) it zooms
    svg.addEventListener('wheel', (e) => {
      e.preventDefault();
      if (e.ctrlKey || e.metaKey) this.zoomBy(Math.exp(-e.deltaY * 0.0015), e);
      else this.state = { ...this.view, x: this.view.x + e.deltaX / this.view.scale, y: this.view.y + e.deltaY / this.view.scale };
    }, { passive: false });
    svg.addEventListener('pointerdown', (e) => this.pressed(e));
    svg.addEventListener('pointermove', (e) => this.moved(e));
    svg.addEventListener('pointerup', (e) => this.released(e));
    svg.addEventListener('pointercancel', (e) => this.released(e));
    // the shown width follows the panel's size at the same scale
    new ResizeObserver(() => this.apply()).observe(svg);
  }

  get state(): Viewport {
    return { ...this.view };
  }

  set state(view: Viewport) {
    this.view = { ...view, scale: clamp(view.scale) };
    this.apply();
  }

  /** True once: whether the click that follows a press was the end of a pan. */
  takeDragged(): boolean {
    const was = this.dragged;
    this.dragged = false;
    return was;
  }

  setContent(box: Box): void {
    this.content = box;
  }

  /** The whole picture, centred, at most at its natural size. */
  fit(): void {
    const { height } = this.size();
    this.centre(Math.min(this.widthScale(), (height - FIT_MARGIN) / Math.max(1, this.content.h)), 'middle');
  }

  /** The picture's whole width from its top, at most at its natural size: a large project stays readable. */
  fitWidth(): void {
    this.centre(this.widthScale(), 'top');
  }

  private widthScale(): number {
    return Math.min(1, (this.size().width - FIT_MARGIN) / Math.max(1, this.content.w));
  }

  private centre(scale: number, vertically: 'middle' | 'top'): void {
    const { width, height } = this.size();
    const s = clamp(scale);
    const y = vertically === 'top' ? this.content.y : this.content.y - (height / s - this.content.h) / 2;
    this.state = { x: this.content.x - (width / s - this.content.w) / 2, y: Math.min(y, this.content.y), scale: s };
  }

  /** Zooms by FACTOR around the pointer AT (else the middle of the panel). */
  zoomBy(factor: number, at?: { clientX: number; clientY: number }): void {
    const rect = this.svg.getBoundingClientRect();
    const px = at ? at.clientX - rect.left : rect.width / 2;
    const py = at ? at.clientY - rect.top : rect.height / 2;
    const scale = clamp(this.view.scale * factor);
    // the picture point under the pointer stays under it
    const x = this.view.x + px / this.view.scale - px / scale;
    const y = this.view.y + py / this.view.scale - py / scale;
    this.state = { x, y, scale };
  }

  /** Pans just enough for BOX (picture units) and what is around it (its broken links' stubs) to be in view. */
  show(box: Box): void {
    const { width, height } = this.size();
    const w = width / this.view.scale;
    const h = height / this.view.scale;
    const m = AROUND;
    const x = box.x - m < this.view.x ? box.x - m : box.x + box.w + m > this.view.x + w ? box.x + box.w + m - w : this.view.x;
    const y = box.y - m < this.view.y ? box.y - m : box.y + box.h + m > this.view.y + h ? box.y + box.h + m - h : this.view.y;
    if (x !== this.view.x || y !== this.view.y) this.state = { ...this.view, x, y };
  }

  private size(): { width: number; height: number } {
    return { width: Math.max(1, this.svg.clientWidth), height: Math.max(1, this.svg.clientHeight) };
  }

  private apply(): void {
    const { width, height } = this.size();
    const { x, y, scale } = this.view;
    this.svg.setAttribute('viewBox', `${x} ${y} ${width / scale} ${height / scale}`);
    this.onChange(this.state);
  }

  private pressed(e: PointerEvent): void {
    if (e.button !== 0) return;
    this.dragged = false;
    this.drag = { pointerId: e.pointerId, x: e.clientX, y: e.clientY, moved: false };
  }

  private moved(e: PointerEvent): void {
    const drag = this.drag;
    if (!drag || drag.pointerId !== e.pointerId) return;
    const dx = e.clientX - drag.x;
    const dy = e.clientY - drag.y;
    if (!drag.moved && Math.hypot(dx, dy) < DRAG_PX) return;
    if (!drag.moved) {
      drag.moved = true;
      this.svg.setPointerCapture(e.pointerId);
      this.svg.classList.add('panning');
    }
    drag.x = e.clientX;
    drag.y = e.clientY;
    this.state = { ...this.view, x: this.view.x - dx / this.view.scale, y: this.view.y - dy / this.view.scale };
  }

  private released(e: PointerEvent): void {
    if (this.drag?.pointerId !== e.pointerId) return;
    this.dragged = this.drag.moved;
    this.drag = undefined;
    this.svg.classList.remove('panning');
  }
}

function clamp(scale: number): number {
  return Math.min(MAX_SCALE, Math.max(MIN_SCALE, scale));
}
