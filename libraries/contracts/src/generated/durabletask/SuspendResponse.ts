// Original file: proto/durabletask/durabletask-subset.proto


export interface SuspendResponse {
}

export interface SuspendResponse__Output {
}
