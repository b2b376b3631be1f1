// Storage across the workspace, from the index's facts (no AST of other files is read): the default
// StorageClasses and what each PersistentVolume offers to claims.
import { kindId, STORAGE_CLASS } from '../kinds';
import type { IndexedResource, WorkspaceIndex } from './index';
import type { VolumeFacts } from './facts';

/** StorageClasses marked default. */
export function defaultClasses(index: Pick<WorkspaceIndex, 'ofKind'>): IndexedResource[] {
  return index.ofKind(kindId(STORAGE_CLASS)).filter((sc) => sc.facts.storageClass?.isDefault);
}

/** What a PersistentVolume offers to claims (its facts, workspace/facts.ts, with its entry). */
export interface VolumeOffer extends VolumeFacts {
  entry: IndexedResource;
}

export function volumeOffer(entry: IndexedResource): VolumeOffer {
  return { entry, storageClassName: '', accessModes: [], volumeMode: 'Filesystem', ...entry.facts.volume };
}
