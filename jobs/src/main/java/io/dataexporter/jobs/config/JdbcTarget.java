package io.dataexporter.jobs.config;

/** A JDBC database to connect to. {@link #toString()} leaves the password out. */
public record JdbcTarget(String url, String user, String password) {

    public JdbcTarget {
        if (url == null || !url.startsWith("jdbc:")) {
            throw new IllegalArgumentException("JDBC URL '" + url + "' does not start with 'jdbc:'; give a URL such as jdbc:postgresql://host:5432/db");
        }
        password = password == null ? "" : password;
    }

    public java.sql.Connection connect() throws java.sql.SQLException {
        return java.sql.DriverManager.getConnection(url, user, password);
    }

    @Override
    public String toString() {
        return "JdbcTarget[url=" + url + ", user=" + user + ", password=****]";
    }
}
