/* global jest */
// Each e2e test drives real processes (workflows with timers, store restarts): jest's 5s
// default is too short, and `testTimeout` is not honoured per project.
jest.setTimeout(120_000);
