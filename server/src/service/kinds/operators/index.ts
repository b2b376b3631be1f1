// Custom resources of the most used stateful operators, described by us from their documentation:
// what they refer to and what they make. One file per operator; adding one is a descriptor plus tests.
import { CLOUDNATIVEPG_CLUSTER } from './cloudnativepg';
import { STRIMZI_KAFKA, STRIMZI_KAFKA_NODE_POOL, STRIMZI_KAFKA_TOPIC, STRIMZI_KAFKA_USER } from './strimzi';
import type { KindDescriptor } from '../types';

export const OPERATOR_KINDS: KindDescriptor[] = [CLOUDNATIVEPG_CLUSTER, STRIMZI_KAFKA, STRIMZI_KAFKA_NODE_POOL, STRIMZI_KAFKA_USER, STRIMZI_KAFKA_TOPIC];
