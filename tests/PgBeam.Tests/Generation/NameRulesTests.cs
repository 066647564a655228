using NUnit.Framework;
using PgBeam.CodeGen.Naming;

namespace PgBeam.Tests.Generation;

public class NameRulesTests
{
    [TestCase("paused_for_billing", "PausedForBilling")]
    [TestCase("INVALID_INPUT", "InvalidInput")]
    [TestCase("v2.beta", "V2Beta")]
    [TestCase("scram-sha-256", "ScramSha256")]
    [TestCase("read_only", "ReadOnly")]
    [TestCase("webhook.test", "WebhookTest")]
    [TestCase("notifications/initialized", "NotificationsInitialized")]
    [TestCase("row-filter", "RowFilter")]
    [TestCase("security admin", "SecurityAdmin")]
    [TestCase("camelCaseValue", "CamelCaseValue")]
    [TestCase("HTTPServer", "HttpServer")]
    [TestCase("1h", "OneHour")]
    [TestCase("6h", "SixHours")]
    [TestCase("24h", "TwentyFourHours")]
    [TestCase("7d", "SevenDays")]
    [TestCase("90d", "NinetyDays")]
    [TestCase("2fa", "TwoFa")]
    [TestCase("105", "OneHundredFive")]
    public void An_enum_value_becomes_a_PascalCase_member_name(string value, string expected) =>
        Assert.That(NameRules.Pascal(value), Is.EqualTo(expected));

    [TestCase("If-None-Match", "ifNoneMatch")]
    [TestCase("If-Match", "ifMatch")]
    [TestCase("Payment-Authorization", "paymentAuthorization")]
    [TestCase("Accept-Payment", "acceptPayment")]
    [TestCase("project_id", "projectId")]
    public void A_header_name_becomes_a_camelCase_parameter_name(string header, string expected) =>
        Assert.That(NameRules.Camel(header), Is.EqualTo(expected));

    [TestCase("SSLMode", "SslMode")]
    [TestCase("PolicyProfile", "PolicyProfile")]
    [TestCase("IOStats", "IOStats")]
    [TestCase("snake_case_name", "SnakeCaseName")]
    public void A_schema_name_becomes_a_dotnet_type_name(string schema, string expected) =>
        Assert.That(NameRules.TypeName(schema), Is.EqualTo(expected));

    [TestCase("audit_logs", "audit_log")]
    [TestCase("policies", "policy")]
    [TestCase("statuses", "status")]
    [TestCase("status", "status")]
    [TestCase("email_preferences", "email_preference")]
    public void Array_properties_name_their_items_in_the_singular(string plural, string expected) =>
        Assert.That(NameRules.Singular(plural), Is.EqualTo(expected));
}
