// The Logger type alone, for code that is handed a logger (domain use cases): importing it
// loads nothing, unlike './logger', which loads winston and OpenTelemetry.
import type winston from 'winston';

export type Logger = winston.Logger;
