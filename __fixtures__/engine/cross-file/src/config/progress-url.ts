export default 'https://api.omniinfer.io/v2/progress';
