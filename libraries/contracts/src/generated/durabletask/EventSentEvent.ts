// Original file: proto/durabletask/durabletask-subset.proto


export interface EventSentEvent {
  'instanceId'?: (string);
  'name'?: (string);
}

export interface EventSentEvent__Output {
  'instanceId'?: (string);
  'name'?: (string);
}
