package io.agentry.registry.service;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentry.registry.fuzz.BodyDictionary;
import io.agentry.registry.fuzz.SeedModules;
import io.agentry.registry.fuzz.WasmEdit;
import io.agentry.registry.problem.BinaryTooLargeException;
import io.agentry.registry.problem.InvalidInputException;
import io.agentry.registry.problem.InvalidWasmException;
import io.agentry.registry.problem.ProblemType;
import io.agentry.registry.rest.JsonConfig;
import io.agentry.sandbox.InspectedBinary;
import io.agentry.wire.fuzz.ByteEdit;
import io.agentry.wire.fuzz.FuzzInputs;
import io.agentry.wire.fuzz.HangGuard;
import io.agentry.wire.fuzz.JsonEdit;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Hostile uploads, without HTTP: the two validators of an upload either accept it or refuse it with
 * the registry's own 4xx exceptions, never anything else, within {@link HangGuard}'s bound. The
 * metadata part goes through {@link AgentMetadata#parse(String, ObjectMapper)} with the
 * application's JSON configuration; the binary through {@link WasmInspector#inspect(byte[])}.
 * Inputs are mutations of valid metadata and modules (byte-level and structure-aware) and inputs
 * built from none, drawn from a seeded random source ({@link FuzzInputs}); their count scales with
 * {@code -Dagentry.fuzz.scale}.
 */
class UploadValidatorFuzzTest {

  /** The size limit of these tests: small, so that the limit is in reach of mutations. */
  private static final int MAX_BINARY = 64 * 1024;

  private static final ObjectMapper JSON = applicationMapper();
  private static final WasmInspector INSPECTOR = new WasmInspector(MAX_BINARY);

  private static final List<byte[]> METADATA =
      List.of(
          utf8(
              "{\"name\":\"my.agent_1-x\",\"description\":\"Summarizes text.\",\"version\":\"1.2.3\","
                  + "\"capabilities\":[\"text:summarize\",\"a.b_c-d\"],\"price\":19.9}"),
          utf8("{\"name\":\"a\",\"description\":\"\",\"version\":\"0.1.0\"}"),
          utf8(
              "{\"name\":\"x\",\"description\":\"é🚀\",\"version\":\"2.0.0-rc.1+build.7\","
                  + "\"capabilities\":[],\"price\":0}"));
  private static final List<JsonEdit.Node> METADATA_TREES =
      METADATA.stream().map(JsonEdit.Node::of).toList();

  private static final List<byte[]> JSON_TOKENS =
      List.of(
          utf8("{"),
          utf8("}"),
          utf8("["),
          utf8("]"),
          utf8("\""),
          utf8(":"),
          utf8(","),
          utf8("\\"),
          utf8("\\u0000"),
          utf8("\\ud800"),
          utf8("null"),
          utf8("1e999999999"),
          utf8("-0"),
          utf8("0.001"),
          utf8("9".repeat(30)),
          utf8("NaN"),
          utf8("/*"),
          utf8("\"name\":\"a\","),
          utf8("\"price\":1,"),
          utf8("[".repeat(40)),
          ByteEdit.bytes(0x00),
          ByteEdit.bytes(0xFF),
          ByteEdit.bytes(0xC0, 0xAF),
          ByteEdit.bytes(0xED, 0xA0, 0x80),
          ByteEdit.bytes(0xEF, 0xBB, 0xBF));

  private static final List<byte[]> MODULES = SeedModules.all();
  private static final List<List<WasmEdit.Section>> MODULE_SECTIONS =
      MODULES.stream().map(WasmEdit::sections).toList();

  // Metadata

  @Test
  void byteMutationsOfValidMetadata() {
    FuzzInputs.run(
        "UploadValidatorFuzzTest.byteMutationsOfValidMetadata",
        200_000,
        random -> {
          byte[] text = METADATA.get(random.nextInt(METADATA.size()));
          for (ByteEdit edit : FuzzInputs.listOf(random, 4, ByteEdit::random)) {
            text = edit.apply(text, JSON_TOKENS);
          }
          return checkMetadata(text);
        });
  }

  @Test
  void structuralMutationsOfValidMetadata() {
    FuzzInputs.run(
        "UploadValidatorFuzzTest.structuralMutationsOfValidMetadata",
        250_000,
        random -> {
          JsonEdit.Node tree = METADATA_TREES.get(random.nextInt(METADATA_TREES.size())).copy();
          for (JsonEdit edit : FuzzInputs.listOf(random, 4, JsonEdit::random)) {
            edit.apply(tree, BodyDictionary.VALUES, BodyDictionary.NAMES);
          }
          byte[] text = tree.write();
          for (ByteEdit edit : FuzzInputs.atMostOne(random, ByteEdit::random)) {
            text = edit.apply(text, JSON_TOKENS);
          }
          return checkMetadata(text);
        });
  }

  @Test
  void metadataBuiltFromTokens() {
    FuzzInputs.run(
        "UploadValidatorFuzzTest.metadataBuiltFromTokens",
        50_000,
        random -> {
          int count = random.nextInt(61);
          StringBuilder text = new StringBuilder("{");
          for (int i = 0; i < count; i++) {
            switch (random.nextInt(3)) {
              case 0 -> text.append(new String(pick(random, JSON_TOKENS), UTF_8));
              case 1 -> text.append('"').append(pick(random, BodyDictionary.NAMES)).append("\":");
              default -> text.append(pick(random, BodyDictionary.VALUES));
            }
          }
          return checkMetadata(utf8(text.append(random.nextBoolean() ? "}" : "").toString()));
        });
  }

  // Modules

  @Test
  void byteMutationsOfValidModules() {
    FuzzInputs.run(
        "UploadValidatorFuzzTest.byteMutationsOfValidModules",
        250_000,
        random -> {
          byte[] module = MODULES.get(random.nextInt(MODULES.size()));
          for (ByteEdit edit : FuzzInputs.listOf(random, 4, ByteEdit::random)) {
            module = edit.apply(module, WasmEdit.TOKENS);
          }
          return checkModule(module);
        });
  }

  @Test
  void sectionMutationsOfValidModules() {
    FuzzInputs.run(
        "UploadValidatorFuzzTest.sectionMutationsOfValidModules",
        250_000,
        random -> {
          List<WasmEdit.Section> sections = MODULE_SECTIONS.get(random.nextInt(MODULES.size()));
          byte[] module = null;
          for (WasmEdit edit : FuzzInputs.listOf(random, 3, WasmEdit::random)) {
            module = edit.apply(sections);
            sections = module == null ? sections : sectionsOrNull(module, sections);
          }
          return checkModule(module);
        });
  }

  @Test
  void modulesBuiltFromTokens() {
    FuzzInputs.run(
        "UploadValidatorFuzzTest.modulesBuiltFromTokens",
        20_000,
        random -> {
          int count = random.nextInt(61);
          java.io.ByteArrayOutputStream module = new java.io.ByteArrayOutputStream();
          module.writeBytes(ByteEdit.bytes(0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00));
          for (int i = 0; i < count; i++) {
            if (random.nextInt(3) == 0) {
              module.write(random.nextInt(256));
            } else {
              module.writeBytes(pick(random, WasmEdit.TOKENS));
            }
          }
          return checkModule(module.toByteArray());
        });
  }

  // Checks

  /**
   * Accepted metadata obeys the rules and its version can be stored; refused metadata is a 400
   * {@code invalid-metadata}. Nothing else may come out.
   */
  private static String checkMetadata(byte[] bytes) {
    String text = new String(bytes, UTF_8);
    String outcome;
    try {
      AgentMetadata metadata = HangGuard.run(bytes, () -> AgentMetadata.parse(text, JSON));
      assertTrue(metadata.name().matches("[a-z0-9][a-z0-9._-]{0,63}"), metadata.name());
      assertTrue(metadata.capabilities().size() <= AgentRules.MAX_CAPABILITIES);
      assertEquals(2, metadata.price().scale());
      assertTrue(metadata.price().signum() >= 0);
      assertTrue(metadata.price().compareTo(AgentRules.MAX_PRICE) <= 0);
      assertTrue(metadata.description().codePointCount(0, metadata.description().length()) <= 4000);
      // Every text is one PostgreSQL can store.
      assertTrue(metadata.description().indexOf('\0') < 0, "NUL in the description");
      // What the publisher does with an accepted version must work too.
      assertEquals(metadata.version(), Semver.parse(metadata.version().toString()).orElseThrow());
      assertTrue(metadata.version().sortKey().length() > 0);
      outcome = "accepted";
    } catch (InvalidInputException e) {
      assertEquals(ProblemType.INVALID_METADATA, e.type(), e.getMessage());
      assertTrue(e.getMessage() != null && !e.getMessage().isBlank());
      outcome =
          e.errors().isEmpty() ? "refused: not JSON or not an object" : "refused: field rules";
    } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
      throw new AssertionError(
          "metadata validation threw " + e + " for " + HangGuard.show(bytes), e);
    }
    return outcome;
  }

  /**
   * An accepted module is hashed and sized correctly; a refused one is a 422 {@code invalid-wasm}
   * (or a 413 over the size limit). Nothing else may come out.
   */
  private static String checkModule(byte[] module) {
    if (module == null) {
      return "no module";
    }
    String outcome;
    try {
      InspectedBinary inspected = HangGuard.run(module, () -> INSPECTOR.inspect(module));
      assertEquals(sha256(module), inspected.sha256());
      assertEquals(module.length, inspected.size());
      outcome = "accepted";
    } catch (InvalidWasmException e) {
      assertTrue(e.getMessage().startsWith("The "), e.getMessage());
      outcome = "refused: " + reason(e.getMessage());
    } catch (BinaryTooLargeException e) {
      assertTrue(module.length > MAX_BINARY);
      outcome = "refused: too large";
    } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
      throw new AssertionError(
          "module inspection threw " + e + " for " + HangGuard.show(module), e);
    }
    return outcome;
  }

  private static String reason(String message) {
    if (message.contains("not WebAssembly")) {
      return "not WebAssembly";
    }
    if (message.contains(" may be at most ") || message.contains(" may have at most ")) {
      return "limits";
    }
    if (message.contains("GC proposal")) {
      return "unsupported feature";
    }
    if (message.contains("declares") || message.contains("name section")) {
      return "declared sizes";
    }
    if (message.startsWith("The module is malformed")) {
      return "malformed";
    }
    if (message.startsWith("The module is invalid")) {
      return "invalid";
    }
    return "imports or exports";
  }

  private static List<WasmEdit.Section> sectionsOrNull(
      byte[] module, List<WasmEdit.Section> previous) {
    try {
      return WasmEdit.sections(module);
    } catch (RuntimeException e) {
      return previous;
    }
  }

  private static <T> T pick(SplittableRandom random, List<T> values) {
    return values.get(random.nextInt(values.size()));
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] utf8(String text) {
    return text.getBytes(UTF_8);
  }

  /** The JSON configuration the application's mapper has for request bodies. */
  private static ObjectMapper applicationMapper() {
    ObjectMapper mapper = new ObjectMapper();
    new JsonConfig().customize(mapper);
    return mapper;
  }
}
