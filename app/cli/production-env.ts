// Imported first by `npm start`: React and Remix choose their development or production builds
// from NODE_ENV when they load, and a production server must never run React's development build
// (several times slower) because nobody exported NODE_ENV.
process.env.NODE_ENV ??= "production";
