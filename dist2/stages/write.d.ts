import { type RunControl } from '../progress.js';
/** `tokext write`: the artefacts of a plan, checked by the build's own structural checks (verify
 * without corpora) before they are renamed into place, unless `run.verify` is false. */
export declare function writePlan(planFile: string, out: string, force: boolean, run?: RunControl & {
    verify?: boolean;
}): Promise<{
    artefacts: Record<string, string>;
}>;
