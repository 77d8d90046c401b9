package dev.postino.subject;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SubjectFieldTest {

    @Test
    void valueSkipsTheSpaceAfterTheColonAndBytesCountTheWholeLine() {
        SubjectField field = SubjectField.parse("Subject: Ciao\r\n a tutti");
        assertThat(field.value()).isEqualTo("Ciao\r\n a tutti");
        assertThat(field.wireBytes()).isEqualTo(23);
    }

    @Test
    void fieldWithoutSpaceAfterTheColonIsMeasuredAsWritten() {
        SubjectField field = SubjectField.parse("SUBJECT:Ciao");
        assertThat(field.value()).isEqualTo("Ciao");
        assertThat(field.wireBytes()).isEqualTo(12);
    }

    @Test
    void emptySubjectHasAnEmptyValue() {
        assertThat(SubjectField.parse("Subject:").value()).isEmpty();
    }

    @Test
    void measureCountsCharactersOfTheDecodedTextAndBytesOfTheField() {
        SubjectMeasure measure = SubjectMeasure.of(SubjectField.parse("Subject: =?UTF-8?Q?caff=C3=A8?="));
        assertThat(measure.characters()).isEqualTo(5);
        assertThat(measure.bytes()).isEqualTo(31);
    }
}
