// Entry point of the benchmark suite; commands are added per benchmark family.
Console.Error.WriteLine("usage: Recur.Bench <command> (commands are added as the suite grows)");
return 2;
