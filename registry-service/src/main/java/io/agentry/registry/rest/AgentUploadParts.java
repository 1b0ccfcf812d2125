package io.agentry.registry.rest;

import io.agentry.registry.problem.InvalidInputException;
import io.agentry.registry.problem.ProblemType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import org.jboss.resteasy.reactive.server.multipart.FormValue;
import org.jboss.resteasy.reactive.server.multipart.MultipartFormDataInput;

/**
 * The two parts of an upload: {@code metadata} (JSON text, as a field or a small file; {@code
 * AgentMetadata.parse} reads it) and {@code binary} (a file the framework has already streamed to
 * disk).
 */
record AgentUploadParts(String metadata, Path binary) {

  /** The most metadata read as text; far above what valid metadata needs. */
  static final int MAX_METADATA_BYTES = 64 * 1024;

  static AgentUploadParts from(MultipartFormDataInput input) {
    FormValue metadata = single(input, "metadata");
    FormValue binary = single(input, "binary");
    if (!binary.isFileItem() || binary.getFileItem().isInMemory()) {
      throw new InvalidInputException(
          ProblemType.INVALID_MULTIPART,
          "The part 'binary' must be a non-empty file: send it with a filename or with"
              + " Content-Type application/wasm.");
    }
    return new AgentUploadParts(metadataText(metadata), binary.getFileItem().getFile());
  }

  private static FormValue single(MultipartFormDataInput input, String name) {
    Collection<FormValue> values = input.getValues().get(name);
    if (values == null || values.isEmpty()) {
      throw new InvalidInputException(
          ProblemType.INVALID_MULTIPART, "The multipart body has no part '" + name + "'.");
    }
    if (values.size() > 1) {
      throw new InvalidInputException(
          ProblemType.INVALID_MULTIPART,
          "The multipart body has more than one part '" + name + "'.");
    }
    return values.iterator().next();
  }

  private static String metadataText(FormValue metadata) {
    if (!metadata.isFileItem()) {
      return metadata.getValue();
    }
    try {
      var item = metadata.getFileItem();
      if (item.getFileSize() > MAX_METADATA_BYTES) {
        throw new InvalidInputException(
            ProblemType.INVALID_METADATA,
            "The metadata part is over " + MAX_METADATA_BYTES + " bytes.");
      }
      byte[] bytes =
          item.isInMemory()
              ? item.getInputStream().readAllBytes()
              : Files.readAllBytes(item.getFile());
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw new InvalidInputException(
          ProblemType.INVALID_METADATA, "The metadata part is not UTF-8 text.");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
