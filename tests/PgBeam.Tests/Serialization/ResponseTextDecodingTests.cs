using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading.Tasks;
using NUnit.Framework;
using PgBeam.Tests.Support;
using RichardSzalay.MockHttp;
using static PgBeam.Tests.Transport.TransportFixtures;

namespace PgBeam.Tests.Serialization;

/// <summary>
/// A JSON body is decoded from UTF-8 as it arrived, whatever its characters: two-, three- and four-byte sequences
/// (surrogate pairs in .NET) read back exactly, wherever the reader's buffers happen to cut them, a leading byte order
/// mark is skipped, and an invalid byte becomes U+FFFD, as a StreamReader would read it.
/// </summary>
public class ResponseTextDecodingTests
{
    private static readonly string Mixed = string.Concat(Enumerable.Repeat("é中😀a𝄞", 5_000));

    [TestCase(0)]
    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    public async Task Multi_byte_characters_and_surrogate_pairs_read_back_exactly_at_every_alignment(int asciiBefore)
    {
        // Shifting the text by a few bytes moves where the reader's buffers end inside a character.
        var name = new string('x', asciiBefore) + Mixed;
        var policy = await ReadPolicyAsync(Encoding.UTF8.GetBytes(PolicyJson.Replace("\"analytics-readonly\"", Quote(name), StringComparison.Ordinal)));

        Assert.That(policy.Name, Is.EqualTo(name));
    }

    [Test]
    public async Task A_leading_byte_order_mark_is_skipped()
    {
        var body = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(PolicyJson.Replace("\"analytics-readonly\"", Quote("😀"), StringComparison.Ordinal))).ToArray();

        var policy = await ReadPolicyAsync(body);

        Assert.That(policy.Name, Is.EqualTo("😀"));
    }

    [Test]
    public async Task An_invalid_byte_reads_as_the_replacement_character_as_a_StreamReader_reads_it()
    {
        var json = Encoding.UTF8.GetBytes(PolicyJson.Replace("\"analytics-readonly\"", "\"a?b\"", StringComparison.Ordinal));
        json[Array.IndexOf(json, (byte)'?')] = 0xFF;
        var expected = new System.IO.StreamReader(new System.IO.MemoryStream(json), Encoding.UTF8).ReadToEnd();

        var policy = await ReadPolicyAsync(json);

        Assert.That(policy.Name, Is.EqualTo("a\uFFFDb"));
        Assert.That(expected, Does.Contain("a\uFFFDb"));
    }

    private static string Quote(string text) => Newtonsoft.Json.JsonConvert.ToString(text);

    private static async Task<PolicyProfile> ReadPolicyAsync(byte[] body)
    {
        using var mock = new MockHttpMessageHandler();
        mock.When(HttpMethod.Get, TestClients.Url(PolicyPath)).Respond(_ =>
        {
            var content = new ByteArrayContent(body);
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = content };
        });
        using var client = TestClients.Create(mock);
        return await client.Policies.GetPolicyProfileAsync("prj_1", "pol_1");
    }
}
