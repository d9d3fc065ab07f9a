package dev.drydock.bench;

/** Everything a check may read: the engine's facts, the host's facts and the run's options. */
record BenchContext(EngineFacts engine, HostFacts host, BenchOptions options) {}
