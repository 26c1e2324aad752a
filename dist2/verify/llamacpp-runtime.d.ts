/** The node-llama-cpp release tokext checks with (newer ones break `npm ci` here). */
export declare const LLAMA_CPP_VERSION = "3.21.1";
/** The command that installs it. */
export declare const LLAMA_CPP_SETUP = "npm run setup:llama-cpp";
/** An environment variable naming another install: node-llama-cpp's package directory, or a prefix holding node_modules/node-llama-cpp. */
export declare const LLAMA_CPP_ENV = "TOKEXT_LLAMA_CPP";
/** Where the setup script installs it, relative to tokext's package root. */
export declare const LLAMA_CPP_PREFIX = ".llama-cpp";
/** A vocabulary loaded in llama.cpp (the part of node-llama-cpp's LlamaModel tokext uses). */
export interface LlamaVocab {
    tokenize(text: string, specialTokens?: boolean): readonly number[];
    dispose(): Promise<void>;
}
/** llama.cpp loaded (the part of node-llama-cpp's Llama tokext uses). */
export interface Llama {
    loadModel(o: {
        modelPath: string;
        vocabOnly: boolean;
    }): Promise<LlamaVocab>;
}
/** llama.cpp ready to load vocabularies, or why it is not. */
export type LlamaCppRuntime = {
    llama: Llama;
    version: string;
    dir: string;
} | {
    skipped: string;
};
/** The package directories node-llama-cpp is looked for in, in order: where TOKEXT_LLAMA_CPP
 * points (only there, when it is set), else the setup script's prefix, else tokext's node_modules. */
export declare function llamaCppCandidates(env?: string | undefined): string[];
/** llama.cpp, started once per process, or why it cannot be. */
export declare function llamaCpp(): Promise<LlamaCppRuntime>;
