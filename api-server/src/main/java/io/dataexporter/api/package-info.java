/**
 * The GraphQL API server: {@code requestData}, {@code requestStatus}, launchers and the URL signer.
 * It never depends on Spark; {@code ApiServerArchitectureTest} holds it to that.
 */
package io.dataexporter.api;
