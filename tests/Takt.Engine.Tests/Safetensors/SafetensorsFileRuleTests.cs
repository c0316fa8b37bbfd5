using System.Text;
using Takt.Engine.Models.Safetensors;
using Takt.TestKit.Files;
using static Takt.Engine.Tests.Safetensors.SafetensorsBytes;

namespace Takt.Engine.Tests.Safetensors;

/// <summary>One hand-built file per rule of the reference reader; each must be refused with that rule named.</summary>
public sealed class SafetensorsFileRuleTests : IDisposable
{
    private const string F32x1 = "\"dtype\":\"F32\",\"shape\":[1]";
    private readonly TempFolder _folder = new("takt-safetensors");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Open_FileShorterThanEightBytes_HeaderTooSmall() =>
        AssertRefused([1, 0, 0, 0, 0], SafetensorsRule.HeaderTooSmall);

    [Fact]
    public void Open_HeaderLengthOverLimit_HeaderTooLargeWithoutAllocatingIt()
    {
        var path = Save(Raw(Encoding.UTF8.GetBytes("{}"), declaredLength: 100_000_001));

        var before = GC.GetAllocatedBytesForCurrentThread();
        var error = Assert.Throws<SafetensorsFormatException>(() => SafetensorsFile.Open(path));
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        AssertNames(error, SafetensorsRule.HeaderTooLarge, tensor: null);
        Assert.True(allocated < 1_000_000, $"opening allocated {allocated} bytes");
    }

    [Fact]
    public void Open_HeaderLengthPastEndOfFile_InvalidHeaderLength() =>
        AssertRefused(Raw(Encoding.UTF8.GetBytes("{}"), declaredLength: 100_000_000), SafetensorsRule.InvalidHeaderLength);

    [Fact]
    public void Open_HeaderNotUtf8_InvalidHeader() =>
        AssertRefused(Raw([(byte)'{', 0xFF, (byte)'}']), SafetensorsRule.InvalidHeader);

    [Fact]
    public void Open_HeaderNotStartingWithBrace_InvalidHeaderStart() =>
        AssertRefused(Raw(" {}"), SafetensorsRule.InvalidHeaderStart);

    [Theory]
    [InlineData("{\"a\":}")]
    [InlineData("{} {}")]
    [InlineData("{\"a\":1")]
    public void Open_MalformedJson_InvalidHeaderDeserialization(string json) =>
        AssertRefused(Raw(json), SafetensorsRule.InvalidHeaderDeserialization);

    [Fact]
    public void Open_EntryMissingDataOffsets_InvalidHeaderDeserializationNamingTensor() =>
        AssertRefused(Raw($"{{\"w\":{{{F32x1}}}}}", 4), SafetensorsRule.InvalidHeaderDeserialization, "w");

    [Fact]
    public void Open_DuplicateTensorName_DuplicateKey() =>
        AssertRefused(
            Raw($"{{\"w\":{{{F32x1},\"data_offsets\":[0,4]}},\"w\":{{{F32x1},\"data_offsets\":[4,8]}}}}", 8),
            SafetensorsRule.DuplicateKey, "w");

    [Fact]
    public void Open_DuplicateMetadataKey_DuplicateKey() =>
        AssertRefused(Raw("{\"__metadata__\":{\"k\":\"a\",\"k\":\"b\"}}"), SafetensorsRule.DuplicateKey, "__metadata__");

    [Fact]
    public void Open_TensorNamedMetadata_ReservedTensorName() =>
        AssertRefused(Raw($"{{\"__metadata__\":{{{F32x1},\"data_offsets\":[0,4]}}}}", 4), SafetensorsRule.ReservedTensorName, "__metadata__");

    [Theory]
    [InlineData("{\"__metadata__\":{\"epoch\":3}}")]
    [InlineData("{\"__metadata__\":[\"a\"]}")]
    public void Open_MetadataNotStringToString_InvalidMetadata(string json) =>
        AssertRefused(Raw(json), SafetensorsRule.InvalidMetadata, "__metadata__");

    [Theory]
    [InlineData("F4")]
    [InlineData("f32")]
    [InlineData("C64")]
    public void Open_UnknownDtype_UnknownDtype(string dtype) =>
        AssertRefused(Raw($"{{\"w\":{{\"dtype\":\"{dtype}\",\"shape\":[1],\"data_offsets\":[0,4]}}}}", 4), SafetensorsRule.UnknownDtype, "w");

    [Theory]
    [InlineData("[-1]")]
    [InlineData("[1.5]")]
    [InlineData("[\"2\"]")]
    public void Open_ShapeNotNonNegativeIntegers_InvalidShape(string shape) =>
        AssertRefused(Raw($"{{\"w\":{{\"dtype\":\"U8\",\"shape\":{shape},\"data_offsets\":[0,0]}}}}"), SafetensorsRule.InvalidShape, "w");

    [Theory]
    [InlineData("[4,0]")]
    [InlineData("[0]")]
    [InlineData("[0,-4]")]
    public void Open_MalformedOffsets_InvalidOffset(string offsets) =>
        AssertRefused(Raw($"{{\"w\":{{{F32x1},\"data_offsets\":{offsets}}}}}", 4), SafetensorsRule.InvalidOffset, "w");

    [Fact]
    public void Open_GapBeforeTensor_InvalidOffset() =>
        AssertRefused(Raw($"{{\"a\":{{{F32x1},\"data_offsets\":[0,4]}},\"b\":{{{F32x1},\"data_offsets\":[8,12]}}}}", 12), SafetensorsRule.InvalidOffset, "b");

    [Fact]
    public void Open_FirstTensorNotAtZero_InvalidOffset() =>
        AssertRefused(Raw($"{{\"a\":{{{F32x1},\"data_offsets\":[4,8]}}}}", 8), SafetensorsRule.InvalidOffset, "a");

    [Fact]
    public void Open_OverlappingTensors_InvalidOffset() =>
        AssertRefused(Raw($"{{\"a\":{{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}},\"b\":{{{F32x1},\"data_offsets\":[4,8]}}}}", 8), SafetensorsRule.InvalidOffset, "b");

    [Fact]
    public void Open_TiedTensorsSharingBytes_InvalidOffset() =>
        AssertRefused(Raw($"{{\"a\":{{{F32x1},\"data_offsets\":[0,4]}},\"b\":{{{F32x1},\"data_offsets\":[0,4]}}}}", 4), SafetensorsRule.InvalidOffset, "b");

    [Fact]
    public void Open_ElementCountOverflows_ValidationOverflow() =>
        AssertRefused(Raw("{\"w\":{\"dtype\":\"F32\",\"shape\":[4294967296,4294967296,16],\"data_offsets\":[0,4]}}", 4), SafetensorsRule.ValidationOverflow, "w");

    [Fact]
    public void Open_RangeDisagreesWithShape_TensorInvalidInfo() =>
        AssertRefused(Raw("{\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,4]}}", 4), SafetensorsRule.TensorInvalidInfo, "w");

    [Fact]
    public void Open_TrailingBytesAfterLastTensor_MetadataIncompleteBuffer() =>
        AssertRefused(Raw($"{{\"w\":{{{F32x1},\"data_offsets\":[0,4]}}}}", 5), SafetensorsRule.MetadataIncompleteBuffer);

    [Fact]
    public void Open_DataShorterThanOffsets_MetadataIncompleteBuffer() =>
        AssertRefused(Raw($"{{\"w\":{{{F32x1},\"data_offsets\":[0,4]}}}}", 3), SafetensorsRule.MetadataIncompleteBuffer, "w");

    [Fact]
    public void Open_UnpaddedThirdPartyFile_ReadsUnalignedData()
    {
        // 54 bytes of JSON: the data starts at 62, not 8-aligned; readers must not assume alignment.
        var json = $"{{\"w\":{{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}}}";
        var path = Save(Raw(json, 8));

        using var file = SafetensorsFile.Open(path);

        var w = Assert.Single(file.Tensors);
        Assert.Equal(8 + Encoding.UTF8.GetByteCount(json), w.Offset);
        Assert.Equal([1, 8, 15, 22, 29, 36, 43, 50], file.GetSpan(w).ToArray());
    }

    [Fact]
    public void Open_EmptyAndScalarTensors_Accepted()
    {
        var path = Save(Raw("{\"e\":{\"dtype\":\"F16\",\"shape\":[3,0],\"data_offsets\":[0,0]},\"s\":{\"dtype\":\"I64\",\"shape\":[],\"data_offsets\":[0,8]}}", 8));

        using var file = SafetensorsFile.Open(path);

        Assert.Equal(["e", "s"], file.Tensors.Select(t => t.Name));
        Assert.Equal(0, file["e"].Length);
        Assert.Empty(file["s"].Shape);
        Assert.Equal(8, file.GetSpan(file["s"]).Length);
    }

    [Fact]
    public void Open_EntriesListedOutOfOffsetOrder_TensorsInFileOrder()
    {
        var path = Save(Raw($"{{\"a\":{{{F32x1},\"data_offsets\":[4,8]}},\"b\":{{{F32x1},\"data_offsets\":[0,4]}}}}", 8));

        using var file = SafetensorsFile.Open(path);

        Assert.Equal(["b", "a"], file.Tensors.Select(t => t.Name));
        Assert.Equal(file.DataOffset + 4, file["a"].Offset);
    }

    [Fact]
    public void GetSpan_DescriptorFromAnotherFileOrAfterDispose_Refused()
    {
        var path = Save(Raw($"{{\"w\":{{{F32x1},\"data_offsets\":[0,4]}}}}", 4));
        var file = SafetensorsFile.Open(path);
        var forged = file["w"] with { Offset = 0, Length = 1 << 20 };

        Assert.Throws<ArgumentException>(() => file.GetSpan(forged).Length);
        var own = file["w"];
        file.Dispose();
        Assert.Throws<ObjectDisposedException>(() => file.GetSpan(own).Length);
    }

    private void AssertRefused(byte[] bytes, SafetensorsRule rule, string? tensor = null)
    {
        var path = Save(bytes);
        var error = Assert.Throws<SafetensorsFormatException>(() => SafetensorsFile.Open(path));
        AssertNames(error, rule, tensor);
    }

    private static void AssertNames(SafetensorsFormatException error, SafetensorsRule rule, string? tensor)
    {
        Assert.Equal(rule, error.Rule);
        Assert.StartsWith($"{rule}:", error.Message, StringComparison.Ordinal);
        Assert.Equal(tensor, error.Tensor);
        if (tensor is not null)
        {
            Assert.Contains($"'{tensor}'", error.Message, StringComparison.Ordinal);
        }
    }

    private string Save(byte[] bytes)
    {
        var path = _folder.Combine($"{Guid.NewGuid():N}.safetensors");
        File.WriteAllBytes(path, bytes);
        return path;
    }
}
