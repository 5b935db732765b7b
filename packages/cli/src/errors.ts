/** A mistake in how keyguard was called (unknown option, bad value): exit 2 with the usage hint. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** A failure the user can act on (git refused, a file vanished): exit 2 with the message only. */
export class RuntimeError extends Error {
  override readonly name = 'RuntimeError';
}
