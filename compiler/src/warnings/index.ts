// The warnings stage: after the scopes, what would fail when the program runs although it
// compiles: undefined names, pins and buses the selected board lacks, wrong argument counts.
// Warnings never stop a program from running; the editor shows them as you type.
import type * as A from '../ast';
import type { DiagnosticSink } from '../catalogue';
import type { BoardDefinition } from '../hardware/boards';
import type { ScopeTable } from '../scopes';
import type { SourceText } from '../source';
import { checkArgumentCount } from './argumentCounts';
import { Bindings } from './bindings';
import { checkBoardUse } from './boardChecks';
import type { WarningContext } from './context';
import { HardwareNames } from './hardwareNames';
import { checkLevelUse } from './levelChecks';
import { checkUndefinedName } from './undefinedNames';
import { walkModule } from './walk';

export function collectWarnings(module: A.Module, scopes: ScopeTable, source: SourceText, sink: DiagnosticSink, board?: BoardDefinition): void {
  const bindings = new Bindings(module, scopes);
  const cx: WarningContext = {
    bindings,
    hardware: new HardwareNames(bindings),
    board,
    warn: (code, message, at) => sink.warning(code, message, source.line(at.start), source.column(at.start), source.line(at.end), source.column(at.end)),
    error: (code, message, at) => sink.error(code, message, source.line(at.start), source.column(at.start), source.line(at.end), source.column(at.end)),
  };
  walkModule(module, scopes, (node, scope) => {
    checkUndefinedName(node, scope, cx);
    checkBoardUse(node, scope, cx);
    checkArgumentCount(node, scope, cx);
    checkLevelUse(node, scope, cx);
  });
}
