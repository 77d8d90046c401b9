package dev.postino.admin.quarantine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code --json} shapes of {@code list} and {@code show}: the raw values (decoded, not sanitised:
 * a script wants the real text), which {@link dev.postino.admin.Json#write} escapes so the output is
 * one safe line per document.
 */
final class MailJson {

    private MailJson() {
    }

    static Map<String, Object> summary(HeldMail mail) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", mail.id());
        json.put("heldAt", mail.heldAt().map(Object::toString).orElse(null));
        json.put("sender", mail.sender().orElse(null));
        json.put("recipients", mail.recipients());
        json.put("subject", mail.header("Subject").orElse(null));
        json.put("from", mail.header("From").orElse(null));
        json.put("reasons", mail.reasons());
        json.put("size", mail.size().orElse(null));
        json.put("state", mail.state().orElse(null));
        json.put("action", mail.action().orElse(null));
        return json;
    }

    static Map<String, Object> detail(HeldMail mail) {
        Map<String, Object> json = summary(mail);
        json.put("verdict", mail.verdict().orElse(null));
        json.put("error", mail.error().orElse(null));
        json.put("remoteHost", mail.remoteHost().orElse(null));
        json.put("remoteAddr", mail.remoteAddr().orElse(null));
        List<Object> findings = new ArrayList<>();
        for (Finding finding : mail.findings().items()) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("code", finding.code());
            item.put("section", finding.section());
            item.put("path", finding.path());
            item.put("message", finding.message());
            item.put("filename", finding.filename());
            findings.add(item);
        }
        json.put("findings", findings);
        json.put("findingsReadable", mail.findings().readable());
        Map<String, Object> headers = new LinkedHashMap<>();
        for (HeldMail.Header header : mail.headers()) {
            @SuppressWarnings("unchecked")
            List<Object> values = (List<Object>) headers.computeIfAbsent(header.name(), name -> new ArrayList<>());
            values.add(header.value());
        }
        json.put("headers", headers);
        json.put("attributes", new LinkedHashMap<>(mail.attributes()));
        return json;
    }
}
