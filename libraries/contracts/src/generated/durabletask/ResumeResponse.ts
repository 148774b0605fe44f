// Original file: proto/durabletask/durabletask-subset.proto


export interface ResumeResponse {
}

export interface ResumeResponse__Output {
}
