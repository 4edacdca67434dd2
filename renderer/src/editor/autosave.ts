// Keeps the unsaved program in localStorage so a reload or a crash never loses it.
const KEY = 'viper.editor.main.py';
const DELAY_MS = 300;

export const EXAMPLE_PROGRAM = `# Welcome to Viper! Press Run (or Ctrl+Enter) to run this on the board.
print("hello", 1 + 2)

for i in range(3):
    print("count", i)
`;

export function loadProgram(): string {
  try {
    return localStorage.getItem(KEY) ?? EXAMPLE_PROGRAM;
  } catch {
    return EXAMPLE_PROGRAM;            // storage disabled: start from the example
  }
}

function saveNow(text: string): void {
  try {
    localStorage.setItem(KEY, text);
  } catch (err) {
    console.warn('viper: could not keep the program in local storage', err);
  }
}

/** A saver that writes at most every DELAY_MS, and at once when the page goes away. */
export function createAutosave(): (text: string) => void {
  let latest: string | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const flush = () => {
    clearTimeout(timer);
    if (latest !== null) saveNow(latest);
    latest = null;
  };
  window.addEventListener('pagehide', flush);
  return text => {
    latest = text;
    clearTimeout(timer);
    timer = setTimeout(flush, DELAY_MS);
  };
}
