// Writes media/walkthrough/<step>.svg: one topology of the "first network" exercise, the part each step builds
// highlighted. Language-neutral (only addresses and names, no sentences: VS Code does not localise media) and
// themed through VS Code's CSS variables. Run after changing it: node scripts/walkthroughMedia.mjs
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const OUT = join(import.meta.dirname, '..', 'media', 'walkthrough');

/** The parts of the picture, each drawn by a function of its colour. */
const PARTS = {
  cloud: (c) => `<rect x="8" y="8" width="384" height="284" rx="18" fill="none" stroke="${c}" stroke-width="2" stroke-dasharray="6 4"/>
  <text x="24" y="30" font-size="13" fill="${c}">clouds.yaml · openrc</text>`,
  externalNetwork: (c) => `<rect x="40" y="48" width="320" height="10" rx="5" fill="${c}"/>
  <text x="236" y="76" font-size="12" fill="${c}">ext · 172.24.4.0/24</text>`,
  router: (c) => `<line x1="200" y1="58" x2="200" y2="96" stroke="${c}" stroke-width="3"/>
  <line x1="200" y1="124" x2="200" y2="150" stroke="${c}" stroke-width="3"/>
  <circle cx="200" cy="110" r="14" fill="none" stroke="${c}" stroke-width="3"/>
  <path d="M192 106 h16 l-4 -4 M208 114 h-16 l4 4" fill="none" stroke="${c}" stroke-width="2"/>`,
  internalNetwork: (c) => `<rect x="60" y="150" width="280" height="10" rx="5" fill="${c}"/>
  <text x="232" y="144" font-size="12" fill="${c}">10.0.0.0/24</text>`,
  instances: (c) => `<line x1="130" y1="160" x2="130" y2="200" stroke="${c}" stroke-width="2"/>
  <line x1="270" y1="160" x2="270" y2="200" stroke="${c}" stroke-width="2"/>
  <rect x="100" y="200" width="60" height="40" rx="4" fill="none" stroke="${c}" stroke-width="2.5"/>
  <rect x="240" y="200" width="60" height="40" rx="4" fill="none" stroke="${c}" stroke-width="2.5"/>
  <text x="113" y="225" font-size="12" fill="${c}">vm1</text><text x="253" y="225" font-size="12" fill="${c}">vm2</text>`,
  image: (c) => `<ellipse cx="40" cy="212" rx="18" ry="6" fill="none" stroke="${c}" stroke-width="2"/>
  <path d="M22 212 v22 a18 6 0 0 0 36 0 v-22" fill="none" stroke="${c}" stroke-width="2"/>
  <text x="20" y="256" font-size="12" fill="${c}">cirros</text>
  <path d="M62 222 h30 l-5 -4 m5 4 l-5 4" fill="none" stroke="${c}" stroke-width="2"/>`,
  securityGroup: (c) => `<rect x="90" y="190" width="220" height="60" rx="8" fill="none" stroke="${c}" stroke-width="2" stroke-dasharray="3 3"/>
  <text x="92" y="268" font-size="12" fill="${c}">icmp · 22/tcp</text>`,
  keypair: (c) => `<circle cx="338" cy="220" r="8" fill="none" stroke="${c}" stroke-width="2.5"/>
  <path d="M346 220 h26 m-6 0 v8 m-8 -8 v6" fill="none" stroke="${c}" stroke-width="2.5"/>
  <text x="322" y="246" font-size="12" fill="${c}">ed25519</text>`,
  floatingIp: (c) => `<path d="M118 200 C 60 150, 60 100, 90 58" fill="none" stroke="${c}" stroke-width="2" stroke-dasharray="5 3"/>
  <text x="20" y="120" font-size="12" fill="${c}">172.24.4.x</text>`,
  console: (c) => `<rect x="204" y="256" width="150" height="32" rx="4" fill="none" stroke="${c}" stroke-width="2"/>
  <text x="212" y="276" font-size="12" font-family="monospace" fill="${c}">$ ping 10.0.0.x</text>`,
};

const ON = 'var(--vscode-textLink-foreground, #3794ff)';
const OFF = 'var(--vscode-disabledForeground, #888)';

/** The picture with STEP's part (and those it needs to make sense) in the accent colour. */
function svg(step) {
  const body = Object.entries(PARTS).map(([part, draw]) => draw(part === step ? ON : OFF)).join('\n  ');
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 300" font-family="var(--vscode-font-family, sans-serif)">
  ${body}
</svg>
`;
}

mkdirSync(OUT, { recursive: true });
for (const step of Object.keys(PARTS)) writeFileSync(join(OUT, `${step}.svg`), svg(step));
console.log(`wrote ${Object.keys(PARTS).length} diagrams to ${OUT}`);
