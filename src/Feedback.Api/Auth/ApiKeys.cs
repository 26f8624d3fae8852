using System.Security.Cryptography;
using System.Text;

namespace Feedback.Api.Auth;

static class ApiKeys
{
    const int KeyBytes = 32; // 256 bits; api.md asks for at least 128

    public static string NewKey() => "fbk_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(KeyBytes));

    // A fast hash is enough: keys are long random strings, not passwords, so there is nothing to brute-force.
    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}
