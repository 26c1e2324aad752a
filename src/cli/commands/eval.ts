// tokext eval: efficiency of tokenizers on corpora, as a table, JSON or an HTML report.
import { Command } from 'commander';
import { evaluate } from '../../eval/eval.js';
import { renderReport } from '../../eval/report.js';
import { RENYI_ALPHA } from '../../eval/metrics.js';
import { claimOutputFile } from '../../io/output.js';
import { referenceInputs } from '../../store/resolve.js';
import { forceFileOption } from '../output.js';
import { collect } from '../parse.js';
import { DEFAULT_DB } from '../../store/db.js';
import { TEXT_FIELD_OPTION, progressOptions } from '../options.js';
import { progressReporter } from '../progress.js';
import type { CliContext } from '../context.js';

/** `tokext eval --tokenizer A ... --corpus X ...`. */
export function evalCommand(ctx: CliContext): Command {
  return forceFileOption(progressOptions(new Command('eval').description('characters per token and more for every tokenizer on every corpus'))
    .option('--tokenizer <ref>', 'store version, directory, tokenizer.json or tokenizer.model (BPE or Unigram); repeatable', collect, [])
    .option('--corpus <path>', 'file or directory of text; repeatable', collect, [])
    .option(...TEXT_FIELD_OPTION)
    .option('--db <file>', 'version store for version labels', DEFAULT_DB)
    .option('--report <file.html>', 'write a self-contained HTML report with charts')
    .option('--dead', 'list the new pieces of extended tokenizers that no corpus used', false))
    .action(async (o) => {
      const report = o.report ? claimOutputFile(o.report, { inputs: [...o.corpus, ...referenceInputs(o.tokenizer, o.db)], force: o.force, flag: '--report', onNote: ctx.warn }) : undefined;
      const progress = progressReporter(o.progress);
      let r;
      try {
        r = await evaluate({ tokenizers: o.tokenizer, corpora: o.corpus, db: o.db, textField: o.textField, signal: ctx.signal, onProgress: progress });
      } finally {
        progress.done();
      }
      report?.write(renderReport(r, new Date().toISOString()));
      if (o.json) {
        ctx.out(JSON.stringify(o.dead ? { rows: r.rows, tokenizers: r.tokenizers } : r.rows, null, 2));
        return;
      }
      const corpora = r.corpora.map((c) => c.name);
      const w = Math.max(9, ...r.tokenizers.map((t) => t.name.length));
      ctx.out(`chars/token (no BOS; with BOS in brackets)`);
      ctx.out(['tokenizer'.padEnd(w), ...corpora.map((c) => c.padStart(22))].join('  '));
      for (const t of r.tokenizers) {
        const cells = corpora.map((c) => {
          const x = r.rows.find((row) => row.tokenizer === t.name && row.corpus === c)!;
          return `${x.chars_per_token.toFixed(3)} (${x.chars_per_token_with_bos.toFixed(3)})`.padStart(22);
        });
        ctx.out([t.name.padEnd(w), ...cells].join('  '));
      }
      ctx.out('');
      for (const x of r.rows) {
        ctx.out(`${x.tokenizer} on ${x.corpus}: ${x.bytes_per_token} bytes/token, ${x.tokens_per_line} tokens/line, byte fallback ${(100 * x.byte_fallback_rate).toFixed(3)}%, unk ${(100 * x.unknown_rate).toFixed(3)}%, round trip ${x.roundtrip_exact}%, vocab used ${(100 * x.vocab_utilisation).toFixed(1)}%, Rényi efficiency (α ${RENYI_ALPHA}) ${x.renyi_efficiency}${x.new_token_rate !== null ? `, new pieces ${(100 * x.new_token_rate).toFixed(1)}% of the tokens` : ''}${x.dead_new_pieces !== null ? `, ${x.dead_new_pieces} of ${x.new_pieces} new pieces unused` : ''}`);
      }
      for (const x of r.rows) {
        if (!x.by_script) continue;
        const parts = Object.entries(x.by_script).filter(([, f]) => f.chars > 0).map(([name, f]) => `${name} ${f.chars_per_token.toFixed(3)} (${(100 * f.chars / x.chars).toFixed(1)}% of chars)`);
        ctx.out(`${x.tokenizer} on ${x.corpus}, chars/token by script: ${parts.join(', ')}`);
      }
      for (const t of r.tokenizers) {
        if (t.dead_pieces === null) continue;
        ctx.out(`${t.name}: ${t.dead_pieces.length} of ${t.new_pieces} new pieces unused on every corpus${o.dead ? '' : ' (list them with --dead)'}`);
        if (o.dead) for (const d of t.dead_pieces) ctx.out(`  ${d.id}\t${JSON.stringify(d.piece)}`);
      }
      if (o.report) ctx.out(`wrote ${o.report}`);
    });
}
