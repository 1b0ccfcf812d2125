package io.agentry.registry.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.agentry.registry.problem.FieldError;
import io.agentry.registry.problem.InvalidInputException;
import io.agentry.registry.problem.ProblemType;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class AgentQueryTest {

  @Test
  void numbersTheDatabaseCannotTakeAreInvalidWhateverTheirExponent() {
    for (String number : List.of("1E+2147483647", "1E-20000", "1e13", "NaN", "-1", "0x10")) {
      InvalidInputException e =
          assertThrows(
              InvalidInputException.class,
              () -> AgentQuery.search(null, List.of(), number, number, null, null, null));
      assertEquals(ProblemType.INVALID_QUERY, e.type());
      assertEquals(
          List.of("maxPrice", "minRating"), e.errors().stream().map(FieldError::field).toList());
    }
  }

  @Test
  void ordinaryNumbersAreTaken() {
    AgentQuery.Paging paging =
        AgentQuery.search(null, List.of(), "999999999999.50", "4.125", null, null, null);
    assertEquals(new BigDecimal("999999999999.50"), paging.filter().maxPrice());
    assertEquals(new BigDecimal("4.125"), paging.filter().minRating());
    AgentQuery.search(null, List.of(), "0.000000000000000000000000000001", "5E0", null, null, null);
  }
}
