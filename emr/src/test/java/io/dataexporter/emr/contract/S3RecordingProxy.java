package io.dataexporter.emr.contract;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A loopback TCP proxy in front of the S3 server that forwards every byte unchanged (so signatures stay valid) and
 * records each HTTP request as the IAM action S3 authorizes it with: s3a, the AWS SDK and the signed links all pass
 * through it. Path-style requests only, as every client here makes them. Each proxy serves one party: its calls are
 * made as {@code identity}, and requests signed in the query (presigned links) as {@code linkIdentity}.
 */
final class S3RecordingProxy implements AutoCloseable {

    private static final Pattern DELETE_KEY = Pattern.compile("<Key>(.*?)</Key>", Pattern.DOTALL);

    private final ServerSocket server;
    private final String targetHost;
    private final int targetPort;
    private final CallLog log;
    private final String identity;
    private final String linkIdentity;

    S3RecordingProxy(String targetHost, int targetPort, CallLog log, String identity, String linkIdentity) throws IOException {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        this.log = log;
        this.identity = identity;
        this.linkIdentity = linkIdentity;
        server = new ServerSocket();
        server.bind(new InetSocketAddress("127.0.0.1", 0));
        daemon(this::accept, "s3-recorder-accept");
    }

    String endpoint() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                daemon(() -> serve(client), "s3-recorder");
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        try (client; Socket target = new Socket(targetHost, targetPort)) {
            daemon(() -> copy(target, client), "s3-recorder-response");
            InputStream in = new BufferedInputStream(client.getInputStream());
            OutputStream out = target.getOutputStream();
            for (String head = readHead(in); head != null; head = readHead(in)) {
                out.write(head.getBytes(StandardCharsets.ISO_8859_1));
                Map<String, String> headers = headers(head);
                String requestLine = head.substring(0, head.indexOf("\r\n"));
                boolean keepBody = requestLine.startsWith("POST ") && requestLine.contains("?delete");
                ByteArrayOutputStream body = new ByteArrayOutputStream();
                if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
                    copyChunked(in, out, keepBody ? body : OutputStream.nullOutputStream());
                } else {
                    copyExactly(in, out, Long.parseLong(headers.getOrDefault("content-length", "0")), keepBody ? body : OutputStream.nullOutputStream());
                }
                out.flush();
                record(requestLine, headers, body.toString(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            // the client or the server closed the connection
        }
    }

    // what S3 authorizes: https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazons3.html
    void record(String requestLine, Map<String, String> headers, String body) {
        String[] parts = requestLine.split(" ");
        String method = parts[0];
        String target = parts[1];
        int question = target.indexOf('?');
        String path = decode(question < 0 ? target : target.substring(0, question)).replaceFirst("^/", "");
        Map<String, String> query = query(question < 0 ? "" : target.substring(question + 1));
        int slash = path.indexOf('/');
        String bucket = slash < 0 ? path : path.substring(0, slash);
        String key = slash < 0 ? "" : path.substring(slash + 1);
        String request = method + " " + target.replaceAll("X-Amz-(Signature|Credential|Security-Token)=[^&]*", "X-Amz-$1=...");
        String who = query.containsKey("X-Amz-Signature") ? linkIdentity : identity;
        if (key.isEmpty()) {
            if (method.equals("POST") && query.containsKey("delete")) {
                Matcher keys = DELETE_KEY.matcher(body);
                while (keys.find()) {
                    log.record(who, "s3:DeleteObject", "arn:aws:s3:::" + bucket + "/" + keys.group(1), Map.of(), request);
                }
            } else if (query.containsKey("location")) {
                log.record(who, "s3:GetBucketLocation", "arn:aws:s3:::" + bucket, Map.of(), request);
            } else if (query.containsKey("uploads")) {
                log.record(who, "s3:ListBucketMultipartUploads", "arn:aws:s3:::" + bucket, Map.of(), request);
            } else if (method.equals("GET") || method.equals("HEAD")) {
                Map<String, String> context = query.containsKey("prefix") ? Map.of("s3:prefix", query.get("prefix")) : Map.of();
                log.record(who, "s3:ListBucket", "arn:aws:s3:::" + bucket, context, request);
            } else {
                log.record(who, "s3:" + (method.equals("PUT") ? "CreateBucket" : "DeleteBucket"), "arn:aws:s3:::" + bucket, Map.of(), request);
            }
            return;
        }
        String object = "arn:aws:s3:::" + bucket + "/" + key;
        switch (method) {
            case "GET", "HEAD" -> log.record(who, "s3:GetObject", object, Map.of(), request);
            case "PUT", "POST" -> {
                log.record(who, "s3:PutObject", object, Map.of(), request);
                String source = headers.get("x-amz-copy-source");
                if (source != null) {
                    log.record(who, "s3:GetObject", "arn:aws:s3:::" + decode(source).replaceFirst("^/", "").replaceFirst("\\?.*$", ""), Map.of(), request);
                }
            }
            case "DELETE" -> log.record(who, query.containsKey("uploadId") ? "s3:AbortMultipartUpload" : "s3:DeleteObject", object, Map.of(), request);
            default -> log.record(who, "s3:" + method, object, Map.of(), request);
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        for (int b = in.read(); b >= 0; b = in.read()) {
            head.write(b);
            matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3)) ? matched + 1 : 0;
            if (matched == 4) {
                return head.toString(StandardCharsets.ISO_8859_1);
            }
        }
        return null;
    }

    private static Map<String, String> headers(String head) {
        Map<String, String> headers = new HashMap<>();
        for (String line : head.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.put(line.substring(0, colon).strip().toLowerCase(Locale.ROOT), line.substring(colon + 1).strip());
            }
        }
        return headers;
    }

    private static void copyExactly(InputStream in, OutputStream out, long length, OutputStream copy) throws IOException {
        byte[] buffer = new byte[8192];
        for (long left = length; left > 0; ) {
            int read = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (read < 0) {
                throw new IOException("the client closed the connection inside a request body");
            }
            out.write(buffer, 0, read);
            copy.write(buffer, 0, read);
            left -= read;
        }
    }

    private static void copyChunked(InputStream in, OutputStream out, OutputStream copy) throws IOException {
        while (true) {
            String sizeLine = readLine(in);
            out.write((sizeLine + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            long size = Long.parseLong(sizeLine.split(";")[0].strip(), 16);
            if (size == 0) {
                for (String trailer = readLine(in); ; trailer = readLine(in)) {
                    out.write((trailer + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                    if (trailer.isEmpty()) {
                        return;
                    }
                }
            }
            copyExactly(in, out, size, copy);
            out.write((readLine(in) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        }
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b >= 0; b = in.read()) {
            if (b == '\n') {
                return line.toString(StandardCharsets.ISO_8859_1).replaceFirst("\r$", "");
            }
            line.write(b);
        }
        throw new IOException("the client closed the connection inside a chunked body");
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> query = new LinkedHashMap<>();
        for (String pair : raw.split("&")) {
            if (!pair.isEmpty()) {
                int equals = pair.indexOf('=');
                query.put(decode(equals < 0 ? pair : pair.substring(0, equals)), equals < 0 ? "" : decode(pair.substring(equals + 1)));
            }
        }
        return query;
    }

    private static String decode(String value) {
        return URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    // the server's answers to the client; when the server closes the connection (an idle keep-alive one, say), the
    // client's side is closed too, as a direct connection would be: otherwise the client's next request on it would
    // wait for an answer that never comes, until its socket timeout
    private static void copy(Socket from, Socket to) {
        try {
            from.getInputStream().transferTo(to.getOutputStream());
        } catch (IOException e) {
            // closed
        } finally {
            try {
                to.close();
            } catch (IOException e) {
                // already closed
            }
        }
    }

    private static void daemon(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
