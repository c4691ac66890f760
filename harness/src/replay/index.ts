export { replay, type ReplayOptions, type ReplayOutcome, type ReplayProgress, type ReplayRunDetail } from './replay.js';
export { phaseWindows, DAY_MS, type PhaseRunWindow } from './windows.js';
export { computeBaselines, type ComputedBaseline } from './baselines.js';
export { checkExpectations, DEFAULT_EXPECTATION_WITHIN_S, type ExpectationOutcome } from './expectations.js';
export { calibratePhase, packCalibration, type PhaseCalibration, type CalibratedAlert } from './calibrate-phase.js';
