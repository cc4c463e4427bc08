// A QR code drawn as SVG from the qrcode library's module matrix: no image URL, so it works under
// the kiosk's strict content security policy and prints sharply.
import QRCode from 'qrcode'

export function QrCode({ text, label, size = 180 }: { text: string; label: string; size?: number }) {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' })
  const count = modules.size
  let path = ''
  for (let row = 0; row < count; row++) {
    for (let column = 0; column < count; column++) {
      if (modules.get(row, column)) path += `M${column + 1} ${row + 1}h1v1h-1z`
    }
  }
  return (
    <svg
      role="img"
      aria-label={label}
      width={size}
      height={size}
      viewBox={`0 0 ${count + 2} ${count + 2}`}
      shapeRendering="crispEdges"
    >
      <rect width={count + 2} height={count + 2} fill="#fff" />
      <path d={path} fill="#000" />
    </svg>
  )
}
