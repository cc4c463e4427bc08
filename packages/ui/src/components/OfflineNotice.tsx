// Shown over the whole screen while the gateway cannot be reached; what was typed stays underneath,
// untouched, and the notice goes away by itself when the gateway answers again.
export function OfflineNotice({ title, lines }: { title: string; lines: string[] }) {
  return (
    <div className="dz-idle" role="alert" aria-labelledby="offline-title" data-testid="offline">
      <div className="dz-idle__box">
        <h2 id="offline-title">{title}</h2>
        {lines.map((line) => (
          <p key={line}>{line}</p>
        ))}
      </div>
    </div>
  )
}
