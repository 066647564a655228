using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Json;
using PgBeam.CodeGen.Contract;
using PgBeam.CodeGen.Normalization;

namespace PgBeam.CodeGen;

/// <summary>
/// <c>PgBeam.CodeGen &lt;contract.yaml&gt; &lt;derived.json&gt; [&lt;hand-written services folder&gt;]</c>: writes the derived
/// contract NSwag generates from. Problems are printed as MSBuild errors naming the contract, so the build stops on them.
/// </summary>
internal static class Program
{
    public static int Main(string[] args)
    {
        if (args.Length is < 2 or > 3)
        {
            Console.Error.WriteLine("usage: PgBeam.CodeGen <contract.yaml> <derived.json> [<hand-written services folder>]");
            return 2;
        }

        var contract = args[0];
        var root = YamlContract.Load(contract);
        var options = new NormalizerOptions { HandWrittenOperations = args.Length == 3 ? HandWrittenServices.OperationIds(args[2]) : new HashSet<string>() };
        var problems = ContractNormalizer.Normalize(root, options);
        if (problems.Any)
        {
            foreach (var error in problems.Errors)
            {
                Console.WriteLine($"{contract} : error PGBEAM1: {error}");
            }

            return 1;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(args[1]))!);
        var json = root.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        File.WriteAllText(args[1], json + "\n", new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        return 0;
    }
}
