namespace Recur.Cli.Demo;

/// <summary>
/// Writes random English-like sentences from a small grammar and vocabulary made for the demo: many words are prefixes
/// of other words (the/then/there/these, car/card/cart/carpet, in/into, see/seen/seeds), so whether a word ends at a
/// character often depends on the characters that follow it — the context a backward pass supplies.
/// </summary>
internal sealed class SentenceGenerator(int seed)
{
    private static readonly string[] Determiners = ["a", "an", "the", "these", "this", "that", "some", "one", "my", "her", "his", "our"];
    private static readonly string[] Adjectives = ["old", "older", "red", "cold", "colder", "bold", "warm", "warmer", "tall", "taller",
        "new", "small", "smaller", "dark", "darker", "green", "fine", "finer", "quiet", "kind"];
    private static readonly string[] Nouns = ["cat", "cats", "car", "card", "cards", "cart", "carts", "carpet", "man", "mango", "manor",
        "bar", "barn", "barns", "bark", "bee", "beer", "beet", "sea", "seat", "seats", "season", "pen", "pencil", "pencils", "ant",
        "ants", "ten", "tent", "tents", "toy", "toys", "star", "stars", "start", "arm", "army", "farm", "farmer", "farmers",
        "corn", "corner", "corners", "table", "tables", "ice", "boat", "boats", "hat", "hats", "hatch", "bed", "beds", "row",
        "rows", "room", "rooms", "seed", "seeds", "hen", "hens", "ship", "ships", "shop", "shops", "top", "tops"];
    private static readonly string[] Verbs = ["sees", "saw", "sent", "eats", "ate", "hears", "heard", "holds", "held", "paints",
        "painted", "finds", "found", "carries", "carried", "pulls", "pulled", "moves", "moved", "wants", "wanted", "likes",
        "liked", "counts", "counted", "starts", "started", "warms", "warmed"];
    private static readonly string[] Prepositions = ["in", "into", "on", "onto", "at", "to", "by", "near", "under", "over", "with", "for"];
    private static readonly string[] Adverbs = ["then", "there", "here", "now", "again", "often", "soon", "today", "away", "later"];

    private readonly Random _random = new(seed);

    /// <summary>One sentence: lower-case words separated by single spaces.</summary>
    public string Next()
    {
        var words = new List<string>();
        NounPhrase(words);
        words.Add(Pick(Verbs));
        if (_random.NextDouble() < 0.8) NounPhrase(words);
        if (_random.NextDouble() < 0.5)
        {
            words.Add(Pick(Prepositions));
            NounPhrase(words);
        }
        if (_random.NextDouble() < 0.35) words.Add(Pick(Adverbs));
        return string.Join(' ', words);
    }

    private void NounPhrase(List<string> words)
    {
        words.Add(Pick(Determiners));
        if (_random.NextDouble() < 0.45) words.Add(Pick(Adjectives));
        words.Add(Pick(Nouns));
    }

    private string Pick(string[] options) => options[_random.Next(options.Length)];
}
