const KEYS = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "*", "0", "#"] as const;
const LETTERS: Record<string, string> = { "2": "ABC", "3": "DEF", "4": "GHI", "5": "JKL", "6": "MNO", "7": "PQRS", "8": "TUV", "9": "WXYZ", "0": "+" };

/** A grid of keys; `onKey` gets the key pressed. */
export function Keypad({ onKey, label, disabled = false }: { onKey: (key: string) => void; label: string; disabled?: boolean }) {
  return (
    <div className="keypad" role="group" aria-label={label}>
      {KEYS.map((key) => (
        <button
          key={key}
          type="button"
          className="key"
          aria-label={key === "*" ? "star" : key === "#" ? "pound" : key}
          disabled={disabled}
          onClick={() => onKey(key)}
        >
          <span className="digit">{key}</span>
          <span className="letters" aria-hidden="true">
            {LETTERS[key] ?? ""}
          </span>
        </button>
      ))}
    </div>
  );
}
