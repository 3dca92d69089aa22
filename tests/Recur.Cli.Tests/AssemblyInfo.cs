// The CLI sets the library's global random seed and trains models: run its tests one at a time so they stay repeatable.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
