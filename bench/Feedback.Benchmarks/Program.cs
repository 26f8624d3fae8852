using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(Feedback.Benchmarks.FeedbackBenchmarks).Assembly).Run(args);
