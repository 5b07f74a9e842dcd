/** What happens once the provider answered a command, whoever still waits for it. @internal */
export interface FollowUp {
  succeeded(): void;
  failed(): void;
}

/** A mute or hold the provider has not answered yet. */
type Unconfirmed = { readonly value: boolean; failed: boolean };
/** The mutes (or holds) of one call the provider has not answered yet, oldest first. */
type FieldCommands = { readonly callId: string; base: boolean; readonly pending: Unconfirmed[] };

/**
 * The mutes and holds sent to the provider and not answered yet, so that a
 * refusal undoes the right one. On a refusal the field goes back to the
 * newest command on it not refused (or to what it was before them all); a
 * refusal of an older command while a newer one is pending or done changes
 * nothing, so a newer command is never undone. @internal
 */
export class UnconfirmedCommands {
  #fields: { muted?: FieldCommands; held?: FieldCommands } = {};

  /**
   * Tracks one command setting `field` of call `callId` to `value` (it was
   * `was` before); `rollback` puts the field back when a refusal calls for it.
   */
  track(
    callId: string,
    field: "muted" | "held",
    value: boolean,
    was: boolean,
    rollback: (restored: boolean) => void,
  ): FollowUp {
    let commands = this.#fields[field];
    if (commands?.callId !== callId) commands = this.#fields[field] = { callId, base: was, pending: [] };
    const list = commands;
    const command: Unconfirmed = { value, failed: false };
    list.pending.push(command);
    const forget = () => {
      if (list.pending.length === 0 && this.#fields[field] === list) delete this.#fields[field];
    };
    return {
      succeeded: () => {
        const index = list.pending.indexOf(command);
        if (index < 0) return; // a newer command was confirmed first: it decides
        list.base = value;
        list.pending.splice(0, index + 1);
        forget();
      },
      failed: () => {
        const index = list.pending.indexOf(command);
        if (index < 0) return;
        command.failed = true;
        if (index < list.pending.length - 1) return; // a newer command decides
        while (list.pending.at(-1)?.failed) list.pending.pop();
        const restored = list.pending.at(-1)?.value ?? list.base;
        forget();
        rollback(restored);
      },
    };
  }
}
