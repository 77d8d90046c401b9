package dev.postino.attachments;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;

/**
 * HTML and SVG files for the smuggling cases (T28) and their false positives, built as text. The
 * smuggling pages follow the public write-ups of the technique (Outflank 2018, Microsoft 2021): decode
 * a base64 string with {@code atob}, copy it into a {@code Uint8Array}, wrap it in a {@code Blob} and
 * click an {@code <a download>} pointing at {@code URL.createObjectURL(blob)}.
 */
public final class HtmlPages {

    private HtmlPages() {
    }

    /** The script that turns {@code expression} (a base64 string in JavaScript) into a downloaded file. */
    private static String dropper(String expression, String fileName) {
        return "var b = atob(" + expression + ");\n"
            + "var n = new Uint8Array(b.length);\n"
            + "for (var i = 0; i < b.length; i++) { n[i] = b.charCodeAt(i); }\n"
            + "var blob = new Blob([n], {type: 'application/octet-stream'});\n"
            + "if (window.navigator.msSaveOrOpenBlob) { window.navigator.msSaveOrOpenBlob(blob, '" + fileName + "'); }\n"
            + "else { var a = document.createElement('a'); document.body.appendChild(a); a.style = 'display: none';\n"
            + "  a.href = window.URL.createObjectURL(blob); a.download = '" + fileName + "'; a.click(); }\n";
    }

    private static String page(String title, String script) {
        return "<!DOCTYPE html>\n<html lang=\"it\">\n<head><meta charset=\"utf-8\"><title>" + title + "</title></head>\n"
            + "<body>\n<p>Il documento si sta scaricando, attendere prego&hellip;</p>\n<script>\n" + script
            + "</script>\n</body>\n</html>\n";
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String base64(byte[] data) {
        return Base64.getEncoder().encodeToString(data);
    }

    /** The classic: the payload as one base64 string literal, atob + Uint8Array + Blob + download. */
    public static byte[] classic(byte[] payload, String fileName) {
        return ascii(page("Fattura", "var d = \"" + base64(payload) + "\";\n" + dropper("d", fileName)));
    }

    /** The same dropper inside an SVG image's {@code <script>}. */
    public static byte[] svg(byte[] payload, String fileName) {
        return ascii("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?>\n"
            + "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"600\" height=\"200\" viewBox=\"0 0 600 200\">\n"
            + "<rect width=\"600\" height=\"200\" fill=\"#eeeeee\"/>\n"
            + "<text x=\"20\" y=\"100\" font-family=\"Arial\" font-size=\"24\">Documento in caricamento</text>\n"
            + "<script type=\"application/ecmascript\"><![CDATA[\nvar d = \"" + base64(payload) + "\";\n"
            + dropper("d", fileName).replace("document.body.appendChild(a)", "document.documentElement.appendChild(a)")
            + "]]></script>\n</svg>\n");
    }

    /**
     * Obfuscated: the base64 is stored reversed and turned back by {@code split/reverse/join}, so it
     * decodes to nothing recognisable; the API names are still written out, so the indicators remain.
     */
    public static byte[] reversed(byte[] payload, String fileName) {
        String reversedText = new StringBuilder(base64(payload)).reverse().toString();
        return ascii(page("Documento", "var r = \"" + reversedText + "\";\n"
            + "var d = r.split('').reverse().join('');\n" + dropper("d", fileName)));
    }

    /** The payload split into 76-character strings joined at run time: {@code ["…", "…"].join("")}. */
    public static byte[] split(byte[] payload, String fileName) {
        String encoded = base64(payload);
        List<String> pieces = new ArrayList<>();
        for (int i = 0; i < encoded.length(); i += 76) {
            pieces.add("\"" + encoded.substring(i, Math.min(encoded.length(), i + 76)) + "\"");
        }
        return ascii(page("Bonifico", "var p = [\n  " + String.join(",\n  ", pieces) + "\n];\n"
            + dropper("p.join('')", fileName)));
    }

    /** The dropper one base64 layer down: {@code <script src="data:text/javascript;base64,…">}. */
    public static byte[] scriptInDataUrl(byte[] payload, String fileName) {
        String script = "var d = \"" + base64(payload) + "\";\n" + dropper("d", fileName);
        return ascii("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Avviso</title></head><body>\n"
            + "<p>Attendere&hellip;</p>\n<script src=\"data:text/javascript;base64,"
            + base64(script.getBytes(StandardCharsets.UTF_8)) + "\"></script>\n</body></html>\n");
    }

    /** No script at all: an {@code <a download>} whose href is a {@code data:application/…;base64} URL. */
    public static byte[] dataLink(byte[] payload, String fileName) {
        return ascii("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Documenti</title></head><body>\n"
            + "<p>Scarica i documenti: <a download=\"" + fileName + "\" href=\"data:application/octet-stream;base64,"
            + base64(payload) + "\">" + fileName + "</a></p>\n</body></html>\n");
    }

    /**
     * Beyond the detector (documented): API names assembled at run time and a reversed payload, so neither
     * an indicator nor a decodable payload is left in the text.
     */
    public static byte[] fullyObfuscated(byte[] payload) {
        String reversedText = new StringBuilder(base64(payload)).reverse().toString();
        return ascii(page("Documento", "var w = window, k = 'at' + 'ob', B = w['Bl' + 'ob'], U = w['UR' + 'L'];\n"
            + "var s = w[k]('" + reversedText + "'.split('').reverse().join(''));\n"
            + "var n = new w['Uint' + '8Array'](s.length); for (var i = 0; i < s.length; i++) { n[i] = s['char' + 'CodeAt'](i); }\n"
            + "var a = document.createElement('a'); a.href = U['create' + 'ObjectURL'](new B([n])); a['down' + 'load'] = 'x.zip';\n"
            + "a.click();\n"));
    }

    /** A web archive as browsers save it (RFC 2557 multipart/related), its page a smuggling page. */
    public static byte[] webArchive(byte[] page) {
        return ("From: <Saved by Blink>\r\nSnapshot-Content-Location: https://fatture.example/doc\r\n"
            + "Subject: Fattura\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: multipart/related; type=\"text/html\"; boundary=\"----MultipartBoundary--x\"\r\n\r\n"
            + "------MultipartBoundary--x\r\nContent-Type: text/html\r\nContent-ID: <frame-1@mhtml.blink>\r\n"
            + "Content-Transfer-Encoding: base64\r\nContent-Location: https://fatture.example/doc\r\n\r\n"
            + Base64.getMimeEncoder(76, new byte[] {'\r', '\n'}).encodeToString(page) + "\r\n"
            + "------MultipartBoundary--x--\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    // ---- false positives ----

    /** A saved web page: analytics snippet, jQuery-like event code, handlers, a PDF download link. */
    public static byte[] savedWebPage() {
        return ascii("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Orari e contatti - Comune</title>\n"
            + "<script async src=\"https://www.googletagmanager.com/gtag/js?id=G-XXXX\"></script>\n"
            + "<script>window.dataLayer = window.dataLayer || []; function gtag(){dataLayer.push(arguments);}\n"
            + "gtag('js', new Date()); gtag('config', 'G-XXXX');</script>\n"
            + "<script>(function($){ $.fn.toggleMenu = function(){ return this.each(function(){ var el = this;\n"
            + "  el.addEventListener('click', function(e){ e.preventDefault(); el.classList.toggle('open'); }); }); };\n"
            + "  $(document).ready(function(){ $('.menu').toggleMenu(); var q = encodeURIComponent($('#q').val());\n"
            + "  if (window.localStorage) { localStorage.setItem('visited', JSON.stringify({at: Date.now()})); } });\n"
            + "})(window.jQuery || function(){ return { ready: function(){}, val: function(){ return ''; } }; });</script>\n"
            + "</head>\n<body onload=\"init()\">\n<nav class=\"menu\"><a href=\"/\" onclick=\"track('home')\">Home</a></nav>\n"
            + "<h1>Orari</h1><p>Lun&ndash;Ven 9:00&ndash;12:30.</p>\n"
            + "<p><a href=\"modulo.pdf\" download>Scarica il modulo (PDF)</a></p>\n"
            + "<img src=\"logo.png\" alt=\"Logo\" width=\"120\">\n</body></html>\n");
    }

    /** An HTML attachment with images inlined as {@code data:image/png;base64} URLs (each over 4 KiB of text). */
    public static byte[] pageWithInlineImages() {
        return ascii("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Catalogo</title>\n"
            + "<style>body{font-family:sans-serif} img{max-width:100%}</style></head><body>\n"
            + "<h1>Catalogo 2027</h1>\n<img alt=\"Prodotto 1\" src=\"data:image/png;base64," + base64(png(1)) + "\">\n"
            + "<img alt=\"Prodotto 2\" src=\"data:image/png;base64,\n" + Base64.getMimeEncoder().encodeToString(png(2)) + "\">\n"
            + "<script>document.querySelectorAll('img').forEach(function(i){ i.onclick = function(){ i.classList.toggle('big'); }; });"
            + "</script>\n</body></html>\n");
    }

    /** A plain SVG logo as drawing programs save it. */
    public static byte[] svgLogo() {
        return ascii("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" width=\"240\" height=\"80\""
            + " viewBox=\"0 0 240 80\">\n<defs><linearGradient id=\"g\" x1=\"0\" x2=\"1\"><stop offset=\"0\" stop-color=\"#0a4\"/>"
            + "<stop offset=\"1\" stop-color=\"#07c\"/></linearGradient></defs>\n"
            + "<path d=\"M10 70 L40 10 L70 70 Z\" fill=\"url(#g)\"/>\n"
            + "<text x=\"85\" y=\"52\" font-family=\"Helvetica\" font-size=\"32\" fill=\"#222\">Acme</text>\n</svg>\n");
    }

    /** A newsletter body (unnamed text/html part) with inline base64 images and a tracking pixel. */
    public static byte[] newsletterBody() {
        return ascii("<html><body style=\"margin:0\">\n<table width=\"600\"><tr><td>\n"
            + "<img src=\"data:image/png;base64," + base64(png(3)) + "\" alt=\"Offerte\">\n"
            + "<h2>Le offerte di dicembre</h2><p>Sconti fino al 30%.</p>\n"
            + "<a href=\"https://shop.example.com/?utm_source=newsletter\">Vai al negozio</a>\n"
            + "<img src=\"https://t.example.com/open.gif?id=12345\" width=\"1\" height=\"1\">\n</td></tr></table>\n</body></html>\n");
    }

    /** An HTML report a monitoring tool mails: a table and a small sorting script. */
    public static byte[] reportWithSmallScript() {
        return ascii("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Backup report</title>\n"
            + "<script>function sortBy(c){ var t = document.getElementById('r'); var rows = Array.from(t.rows).slice(1);\n"
            + "rows.sort(function(a,b){ return a.cells[c].textContent.localeCompare(b.cells[c].textContent); });\n"
            + "rows.forEach(function(r){ t.tBodies[0].appendChild(r); }); }</script></head>\n"
            + "<body><h1>Backup 2026-11-30</h1>\n<table id=\"r\"><tr><th onclick=\"sortBy(0)\">Host</th>"
            + "<th onclick=\"sortBy(1)\">Esito</th></tr>\n<tbody><tr><td>srv01</td><td>OK</td></tr>"
            + "<tr><td>srv02</td><td>OK</td></tr></tbody></table>\n<p><a href=\"javascript:window.print()\">Stampa</a></p>\n"
            + "</body></html>\n");
    }

    /** PNG signature and 6 KiB of noise: typed as an image, base64 over 4 KiB. */
    static byte[] png(int seed) {
        byte[] png = new byte[6 * 1024];
        new Random(seed).nextBytes(png);
        byte[] signature = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};
        System.arraycopy(signature, 0, png, 0, signature.length);
        return png;
    }
}
