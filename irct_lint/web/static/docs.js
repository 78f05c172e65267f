// The API's interactive documentation, from the app's own copy of Swagger UI.
window.ui = SwaggerUIBundle({ url: "/openapi.json", dom_id: "#swagger-ui" });
