// Original file: proto/durabletask/durabletask-subset.proto


export interface TerminateResponse {
}

export interface TerminateResponse__Output {
}
