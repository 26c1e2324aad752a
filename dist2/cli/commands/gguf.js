// tokext gguf: a vocab-only GGUF of an output, for llama.cpp.
import { Command } from 'commander';
import { DEFAULT_DB } from '../../store/db.js';
import { forceFileOption } from '../output.js';
import { int } from '../parse.js';
/** `tokext gguf DIR|VERSION --out vocab.gguf`. */
export function ggufCommand(ctx) {
    const cmd = new Command('gguf')
        .description("write a vocab-only GGUF of an output (its vocabulary as llama.cpp's converter writes it)")
        .argument('<ref>', 'a directory tokext built, or a stored version (label or id)')
        .requiredOption('--out <file>', 'the GGUF file to write')
        .option('--db <file>', 'version store a label is looked up in', DEFAULT_DB)
        .option('--architecture <name>', "general.architecture (default: the base's, for the bundled bases)")
        .option('--pre <name>', "tokenizer.ggml.pre of a byte-level base (default: the base's, for the bundled bases)")
        .option('--vocab-size <n>', "the checkpoint's vocab_size (config.json) when it has more rows than the tokenizer has ids: the rest become [PAD{id}] tokens, as llama.cpp's converter fills them", int('--vocab-size', 1))
        .option('--json', 'print JSON', false);
    return forceFileOption(cmd).action(async (ref, o) => {
        const { writeGgufOf } = await import('../../llamacpp/gguf-file.js');
        const r = await writeGgufOf(ref, o.out, { ...o, onNote: ctx.warn });
        ctx.out(o.json
            ? JSON.stringify(r)
            : `wrote ${r.out}: ${r.tokens} tokens, tokenizer.ggml.model ${r.model}, pre ${r.pre}, architecture ${r.architecture}`);
    });
}
//# sourceMappingURL=gguf.js.map