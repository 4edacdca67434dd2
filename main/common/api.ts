// The one contract between the renderer and the main side. In Electron it crosses the preload
// bridge (IPC); in browser mode a WebSocket. Both carry the same messages, checked by
// `parseRequest` (apiTable.ts) before anything acts on them. No Node or Electron imports here.
import type { BurnMethodId, FeatureLevel, FirmwareState } from '../../compiler/src/hardware/boardFirmware';
import type { Diagnostic } from '../../compiler/src/diagnostics';
import type { DebugEvent, DebugRequest, DebugResponse } from './debugRequest';
import type { ExampleMeta } from './exampleMeta';

export type BoardKind = 'virtual' | 'serial' | 'qemu';
export type BoardState = 'disconnected' | 'connecting' | 'ready' | 'running' | 'busy';

export interface BoardInfo {
  id: string;            // "virtual", or a port path
  name: string;          // what the person sees: "Virtual board"
  kind: BoardKind;
  /** A serial port's VM that answered a probe ("VM v0.3.1"), before any session to it. */
  ready?: string;
  /** Why this board cannot be used here (the Virtual board on Windows, say); listed, not selectable. */
  unavailable?: string;
  /** The Virtual board's emulated RAM: an id of VIRTUAL_RAM_CHOICES (common/virtualRam.ts). */
  ram?: string;
}

export interface TracebackFrame { file: string; function: string; line: number }
export interface ExceptionReport {
  type: string;
  message: string;
  frames: TracebackFrame[];
  /** The exceptions this one chains back to, oldest first: each was the direct cause of the next
   *  (`raise ... from`), or was being handled when the next was raised. */
  chain?: { report: ExceptionReport; led: 'cause' | 'context' }[];
}

/** A project module sent with a run, so `import helper` finds helper.py. */
export interface ModuleSource { file: string; source: string }

export type RunResult =
  | { ok: true }
  | { ok: false; diagnostics: Diagnostic[] }        // the program did not compile
  | { ok: false; error: string };                   // the board could not take it

/** How one REPL entry went: compiled on the main side ('single' mode), run in the board's
 * persistent `__main__`; its echo and output arrive as events before this answer. */
export type ExecResult =
  | { ok: true }
  | { ok: false; diagnostics: Diagnostic[] }        // the entry did not compile
  | { ok: false; error: string };                   // the board could not take it

/** Boards: list them, run a program, stop it, talk to them interactively. */
export interface DeviceApi {
  listBoards(): Promise<BoardInfo[]>;
  /** Compiles `file` with the project's other `modules` (what it imports comes along), stores it on
   *  the board and runs it. `runAtBoot` true: the board also runs it whenever it starts (a reset,
   *  power); false: it does not; absent: as the program it replaces (as the board reported it). */
  run(params: { boardId: string; file: string; source: string; modules?: ModuleSource[]; runAtBoot?: boolean }): Promise<RunResult>;
  stop(params: { boardId: string }): Promise<void>;
  /** Runs one REPL entry (complete statements) and resolves when it has ended. */
  exec(params: { boardId: string; source: string }): Promise<ExecResult>;
  /** Soft-resets the board: stops what runs and forgets the REPL's names; keeps the stored program. */
  reset(params: { boardId: string }): Promise<void>;
  /** Text typed on the console for the program's input() (a line ends with "\n"). */
  sendInput(params: { boardId: string; text: string }): Promise<void>;
  /** Which RAM the Virtual board emulates (an id of VIRTUAL_RAM_CHOICES); a running one restarts with it. */
  setVirtualBoardRam(params: { ram: string }): Promise<void>;
  /** Presses a button, turns a knob, sets the sensor or types into a UART of the Virtual board
   *  (its board panel); only while a session to it is open. A real board's pins are read-only. */
  boardInput(params: { boardId: string; input: BoardPanelInput }): Promise<void>;
  /** One DAP request to the board's debug adapter (main/debug/adapter.ts), answered with its DAP
   *  response (a failure is `success: false` with a message). A `launch` (files named as the
   *  project names them, the editor's text) compiles and uploads as Run does, and starts a new
   *  debug session on that board. The adapter's DAP events arrive as 'debug' events. */
  debug(params: { boardId: string; request: DebugRequest }): Promise<DebugResponse>;
}

/** What the board panel does to the Virtual board (a BOARD_INPUT frame, docs/link-protocol.md).
 *  Pins are indexes into the board's definition (boards/<id>.json); temperature in °C, humidity in %;
 *  a sensor with `connected: false` answers nothing (its wire came loose); left out, it is connected. */
export type BoardPanelInput =
  | { kind: 'snapshot' }
  | { kind: 'pin'; pin: number; level: 0 | 1 }
  | { kind: 'analog'; pin: number; value: number }
  | { kind: 'sensor'; temperature: number; humidity: number; connected?: boolean }
  | { kind: 'uart'; bus: number; text: string };

/** A board's program storage as its VM reports it (INFO / STATE). `keeps: false`: its VM is too
 *  old to say (link protocol v1), so it cannot be asked to run a program at boot. */
export type StoredProgram =
  | { keeps: true; stored: boolean; runAtBoot: boolean }
  | { keeps: false };

/** How a pin in use is, from a BOARD_STATE frame: level 0/1, a PWM duty (0..65535) or an ADC reading. */
export type PinModeName = 'unused' | 'input' | 'output' | 'open_drain' | 'pwm' | 'adc' | 'bus';
export interface PinReport { pin: number; mode: PinModeName; value: number }

/** Everything the renderer may call. Every method is async and validated on the main side. */
export interface ViperApi extends DeviceApi, ToolsApi {
  onEvent(listener: (event: DeviceEvent) => void): () => void;
}

/** A serial port, with what the IDE could tell about the board behind it. */
export interface PortEntry {
  path: string;
  vendorId?: string;
  productId?: string;
  serialNumber?: string;
  manufacturer?: string;
  product?: string;
  byId?: string;
  /** What the USB ID table says it is ("Arduino Due (programming port)"). */
  usbName?: string;
  /** The board: what the USB ID says, else what its VM reports (when Viper knows that board), else what the person told us. */
  board?: string;
  /** Whether a Viper VM answers there, found out in the background: the list never waits for it. */
  vm?: PortVm;
}

/** 'probing': not known yet (ask again soon); 'in-use': a session has the port open and has not heard its VM yet. */
export type PortVm =
  | { status: 'probing' | 'none' | 'in-use' }
  | { status: 'ready'; vmVersion: string; boardId: string };

/** An example of the gallery: its example.json's fields (main/common/exampleMeta.ts says each). */
export interface ExampleInfo extends ExampleMeta {
  id: string;
  files: string[];
  /** Listed for a board with `all`: why that board cannot run it (absent: it can). */
  cannotRun?: string[];
}
export interface ProjectInfo { dir: string; name: string; board: string; files: string[] }
/** An edit kept by autosave that differs from the file on disk (diskText absent: no such file). */
export interface RecoveredBuffer { file: string; text: string; savedAt: number; diskText?: string }
/** Every way a board's firmware block may name (boards/*.json); main/flash may not have a flasher for each yet. */
export type BurnMethod = BurnMethodId;
/** A board the Burn VM dialog offers: how it is burned, whether it was ever tested, whether its image is built. */
export interface BurnBoardInfo {
  id: string;
  name: string;
  /** First = preferred. */
  methods: BurnMethod[];
  /** 'qemu': tested under QEMU; 'untested': untested on hardware. */
  state: FirmwareState;
  level: FeatureLevel;
  /** The built image, or undefined with `buildHint` saying how to build it. */
  image?: { vmVersion: string };
  buildHint: string;
}
export type BurnResult = { ok: true; vmVersion: string } | { ok: false; error: string; hint: string; cancelled: boolean };

/** Ports, burning the VM, projects and examples. */
export interface ToolsApi {
  /** Serial ports at once; `board` is what the USB ID, the port's VM or the person said; `vm` whether a VM answers. */
  listPorts(): Promise<PortEntry[]>;
  /** Remembers which board sits behind a generic USB-serial adapter. */
  setPortBoard(params: { path: string; board: string }): Promise<void>;
  /** Boards a generic adapter may be said to belong to: id → the name a person sees. */
  listKnownBoards(): Promise<Record<string, string>>;
  /** Examples matching `text` (title or tag) and `tag`; for a `board` (an id of boards/*.json) only
   *  those it can run, or with `all` every one, those it cannot run carrying `cannotRun`. */
  listExamples(params: { text?: string; tag?: string; board?: string; all?: boolean }): Promise<ExampleInfo[]>;
  cloneExample(params: { id: string; name: string; board: string }): Promise<ProjectInfo>;
  createProject(params: { name: string; board: string }): Promise<ProjectInfo>;
  /** Opens a project the main side knows: made or cloned by Viper, in the recent list, or picked by the person. */
  openProject(params: { dir: string }): Promise<ProjectInfo>;
  /** Asks the person for a project folder (a native dialog) and opens it; undefined when they cancel. */
  pickProject(): Promise<ProjectInfo | undefined>;
  /** Recently opened projects that still open, newest first. */
  recentProjects(): Promise<ProjectInfo[]>;
  readFile(params: { dir: string; file: string }): Promise<string>;
  /** Writes the file and drops its autosaved copy. */
  saveFile(params: { dir: string; file: string; text: string }): Promise<void>;
  /** Keeps an unsaved edit in the project so a crash cannot lose it. */
  stashBuffer(params: { dir: string; file: string; text: string }): Promise<void>;
  /** Autosaved edits that differ from the files on disk. */
  recoverBuffers(params: { dir: string }): Promise<RecoveredBuffer[]>;
  /** Drops the autosaved copy of a file (the person chose the disk version). */
  discardBuffer(params: { dir: string; file: string }): Promise<void>;
  /** Deletes a module (never main.py) and its autosaved copy. */
  deleteFile(params: { dir: string; file: string }): Promise<void>;
  /** Renames a module (never main.py, never over an existing file); its autosaved copy follows. */
  renameFile(params: { dir: string; file: string; to: string }): Promise<void>;
  /** The boards Viper has firmware for, with their burn methods, state and whether an image is built. */
  listBurnBoards(): Promise<BurnBoardInfo[]>;
  /** Progress arrives as 'burn' events. `target`: a port listPorts gave, or a detected ST-LINK drive. */
  burnVm(params: { board: string; method: BurnMethod; target: string }): Promise<BurnResult>;
  cancelBurn(params: { target: string }): Promise<void>;
}

/** Pushed from the main side to the renderer. */
export type DeviceEvent =
  | { kind: 'burn'; boardId: string; phase: 'connect' | 'erase' | 'write' | 'verify' | 'boot'; done: number; total: number }
  | { kind: 'output'; boardId: string; text: string }
  | { kind: 'exception'; boardId: string; report: ExceptionReport }
  | { kind: 'state'; boardId: string; state: BoardState; detail?: string }
  | { kind: 'done'; boardId: string; status: 'ok' | 'exception' | 'stopped' | 'error' }
  /** The board's pins in use, the whole table (`board`: the VM's board id, whose definition names them). */
  | { kind: 'pins'; boardId: string; board: string; pins: PinReport[] }
  /** Text a UART of the Virtual board sent (UTF-8 decoded across frames). */
  | { kind: 'uart'; boardId: string; bus: number; text: string }
  /** What the board keeps in its program storage: said when a session opens (INFO) and after each upload. */
  | { kind: 'program'; boardId: string; program: StoredProgram }
  /** A DAP event of the board's debug session (stopped, continued, output, exited, terminated…). */
  | { kind: 'debug'; boardId: string; event: DebugEvent };

// ---- wire messages ----

export type Method = keyof DeviceApi | keyof ToolsApi;
/** The parameters object of a method; `{}` for a method that takes none. */
export type ParamsOf<M extends Method> = Parameters<ViperApi[M]> extends [infer P] ? P : Record<string, never>;
export type Request = { [M in Method]: { id: number; method: M; params: ParamsOf<M> } }[Method];

/** `result` is null for a method that returns nothing (JSON has no undefined). */
export type Response =
  | { id: number; result: unknown }
  | { id: number | null; error: string };

export type ServerMessage = Response | { event: DeviceEvent };
