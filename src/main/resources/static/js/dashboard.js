// Every htmx request carries the session's CSRF token, read from the page's meta tags.
document.addEventListener('htmx:configRequest', function (event) {
  var header = document.querySelector('meta[name="csrf-header"]');
  var token = document.querySelector('meta[name="csrf-token"]');
  if (header && token) {
    event.detail.headers[header.content] = token.content;
  }
});

// A transcript opened from the conversation log takes the keyboard focus, so that it is read next.
document.addEventListener('htmx:afterSwap', function (event) {
  if (event.detail.target.id === 'transcript') {
    var section = event.detail.target.querySelector('section');
    if (section) {
      section.focus();
    }
  }
});
