// Points swagger-ui (from its WebJar) at the API's OpenAPI document; a file, not inline: the CSP allows no inline script.
window.ui = SwaggerUIBundle({ url: '/openapi.json', dom_id: '#swagger-ui' });
