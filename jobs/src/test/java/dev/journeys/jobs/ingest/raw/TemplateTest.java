package dev.journeys.jobs.ingest.raw;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplateTest {

  static final FieldRecord CALL = FieldRecord.of(Map.of("Queue.Name", "Billing", "event", "Rate Shown"), 1, "");

  @Test
  void fillsPlaceholdersFromFields() {
    assertThat(Template.parse("call:{Queue.Name}").render(CALL)).isEqualTo("call:Billing");
    assertThat(Template.parse("web:{event|slug}").render(CALL)).isEqualTo("web:rate_shown");
    assertThat(Template.parse("{Queue.Name|lower}/{Agent.Username|unassigned}").render(CALL))
        .isEqualTo("billing/unassigned");
    assertThat(Template.parse("crm:case_opened").render(CALL)).isEqualTo("crm:case_opened");
    assertThat(Template.parse("call:{Queue.Name}:{event}").fields()).containsExactly("Queue.Name", "event");
    assertThat(Template.parse("web:{name,event|slug}").render(CALL)).isEqualTo("web:rate_shown");
    assertThat(Template.parse("web").isConstant()).isTrue();
  }

  @Test
  void namesAMissingFieldAndABrokenTemplate() {
    assertThatThrownBy(() -> Template.parse("call:{Agent.Username}").render(CALL))
        .hasMessage("field 'Agent.Username' is missing or empty (template call:{Agent.Username})");
    assertThatThrownBy(() -> Template.parse("call:{Queue.Name")).hasMessageContaining("never closed");
    assertThatThrownBy(() -> Template.parse("call:{}")).hasMessageContaining("empty placeholder at position 5");
  }
}
