// The yaml package's node type guards as plain bindings, for the walks that run once per node of a
// large file (duplicate keys, typed nodes, key-path lookups). The bundle imports the package, which
// is CommonJS, through a namespace of getters, so `isScalar(x)` imported from 'yaml' directly costs
// a getter call before every call; bound here once, it is a plain function call.
import * as yaml from 'yaml';

export const isAlias: typeof yaml.isAlias = yaml.isAlias;
export const isCollection: typeof yaml.isCollection = yaml.isCollection;
export const isMap: typeof yaml.isMap = yaml.isMap;
export const isPair: typeof yaml.isPair = yaml.isPair;
export const isScalar: typeof yaml.isScalar = yaml.isScalar;
export const isSeq: typeof yaml.isSeq = yaml.isSeq;
