const KEYS = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "*", "0", "#"] as const;

/** A phone keypad; each key has `data-testid="key-<digit>"`. */
export function Keypad({ onPress, disabled = false }: { onPress: (key: string) => void; disabled?: boolean }) {
  return (
    <div className="keypad" role="group" aria-label="Keypad">
      {KEYS.map((key) => (
        <button key={key} type="button" data-testid={`key-${key}`} disabled={disabled} onClick={() => onPress(key)}>
          {key}
        </button>
      ))}
    </div>
  );
}
