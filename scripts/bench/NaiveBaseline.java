import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The script a user would write instead of alias-import, for the benchmark's comparison: get a token, then read the
 * CSV line by line and POST each row, one request after another on one kept-alive connection, no retries, no
 * checkpoints. Run with {@code java NaiveBaseline.java TOKEN_URL IMPORTS_URL CLIENT_ID CLIENT_SECRET CONFIGURATION
 * FILE MAX_ROWS}; prints {@code rows=N seconds=S rowsPerSecond=R failed=F} (time from the first request to the last
 * answer, start-up excluded).
 */
public class NaiveBaseline {

    private static final Pattern TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");

    public static void main(String[] args) throws IOException {
        URI tokenUrl = URI.create(args[0]);
        URI importsUrl = URI.create(args[1]);
        String token = token(tokenUrl, args[2], args[3]);
        String configuration = args[4];
        Path file = Path.of(args[5]);
        long maxRows = Long.parseLong(args[6]);

        long rows = 0;
        long failed = 0;
        long start = System.nanoTime();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            in.readLine(); // header: Account Name,Alias
            for (String line = in.readLine(); line != null && rows < maxRows; line = in.readLine()) {
                String[] cells = line.split(",", -1);
                String body = "{\"configuration\":\"" + configuration + "\",\"record\":{\"Account Name\":\""
                        + cells[0] + "\",\"Alias\":\"" + cells[1] + "\"}}";
                int status = post(importsUrl, token, body);
                rows++;
                if (status != 200) {
                    failed++;
                }
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(java.util.Locale.ROOT, "rows=%d seconds=%.3f rowsPerSecond=%.1f failed=%d%n", rows, seconds,
                rows / seconds, failed);
    }

    private static String token(URI url, String id, String secret) throws IOException {
        String form = "grant_type=client_credentials&client_id=" + URLEncoder.encode(id, StandardCharsets.UTF_8)
                + "&client_secret=" + URLEncoder.encode(secret, StandardCharsets.UTF_8);
        HttpURLConnection c = (HttpURLConnection) url.toURL().openConnection();
        c.setRequestMethod("POST");
        c.setDoOutput(true);
        c.setRequestProperty("Content-Type", "application/x-www-form-urlencoded");
        try (OutputStream out = c.getOutputStream()) {
            out.write(form.getBytes(StandardCharsets.UTF_8));
        }
        try (InputStream in = c.getInputStream()) {
            Matcher m = TOKEN.matcher(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            if (!m.find()) {
                throw new IOException("no access_token in the token response");
            }
            return m.group(1);
        }
    }

    /** One POST; the body is read to the end so that the connection is kept alive for the next. */
    private static int post(URI url, String token, String json) throws IOException {
        HttpURLConnection c = (HttpURLConnection) url.toURL().openConnection();
        c.setRequestMethod("POST");
        c.setDoOutput(true);
        c.setRequestProperty("Authorization", "Bearer " + token);
        c.setRequestProperty("Content-Type", "application/json");
        try (OutputStream out = c.getOutputStream()) {
            out.write(json.getBytes(StandardCharsets.UTF_8));
        }
        int status = c.getResponseCode();
        try (InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream()) {
            if (in != null) {
                in.readAllBytes();
            }
        }
        return status;
    }
}
