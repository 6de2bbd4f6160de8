/** The campaign picture of the demo: drawn at seed time, so the repository carries no binary. */
export async function drawDemoImage(): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1600" height="900">
    <defs>
      <linearGradient id="sky" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#ffb347"/><stop offset="1" stop-color="#ffe29a"/></linearGradient>
    </defs>
    <rect width="1600" height="900" fill="url(#sky)"/>
    <circle cx="1180" cy="260" r="150" fill="#fff4c2"/>
    <path d="M0 700 C 400 600, 800 800, 1600 640 L 1600 900 L 0 900 Z" fill="#0b6e4f"/>
    <path d="M0 780 C 500 700, 900 880, 1600 760 L 1600 900 L 0 900 Z" fill="#d9534f" opacity="0.85"/>
    <g stroke="#1f2933" stroke-width="18" stroke-linecap="round" fill="none">
      <circle cx="520" cy="380" r="34" fill="#1f2933"/>
      <path d="M520 420 L 500 560 L 560 660"/><path d="M500 560 L 430 650"/><path d="M515 450 L 600 500"/><path d="M515 450 L 440 510"/>
    </g>
  </svg>`;
  const { default: sharp } = await import('sharp');
  return sharp(Buffer.from(svg)).jpeg({ quality: 88 }).toBuffer();
}
