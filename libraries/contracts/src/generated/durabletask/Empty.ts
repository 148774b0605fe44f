// Original file: proto/durabletask/durabletask-subset.proto


export interface Empty {
}

export interface Empty__Output {
}
