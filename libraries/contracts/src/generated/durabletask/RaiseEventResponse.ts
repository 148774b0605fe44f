// Original file: proto/durabletask/durabletask-subset.proto


export interface RaiseEventResponse {
}

export interface RaiseEventResponse__Output {
}
