// What the warning checks share: the bindings, the hardware names, the selected board and the
// way to report a warning at a node.
import type { Span } from '../ast';
import type { BoardDefinition } from '../hardware/boards';
import type { Bindings } from './bindings';
import type { HardwareNames } from './hardwareNames';
import type { DiagnosticCode } from '../catalogue';

export interface WarningContext {
  bindings: Bindings;
  hardware: HardwareNames;
  /** The board selected in the device bar, when the editor knows its definition. */
  board?: BoardDefinition;
  warn(code: DiagnosticCode, message: string, at: Span): void;
  /** An error: what the board's VM lacks (its feature level) would fail there for certain. */
  error(code: DiagnosticCode, message: string, at: Span): void;
}
